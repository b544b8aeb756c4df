// The postback log's rows as GET /api/postbacks answers them (Reports/PostbackLog), read by the log and a
// conversion's page.

export interface ConversionState {
  status?: string;
  payout?: string;
  currency?: string;
}

export interface LogItem {
  id: string;
  receivedAt: string;
  processedAt?: string;
  type: string;
  outcome: string;
  reason?: string;
  httpStatus?: number;
  clickid?: string;
  network?: string;
  program?: string;
  txid?: string;
  payout?: string;
  currency?: string;
  status?: string;
  duplicateOf?: string;
  conversionKey?: string;
  from?: ConversionState;
  to?: ConversionState;
  warnings?: string[];
  method?: string;
  query?: string;
  queryTruncated?: boolean;
  body?: string;
  clientIp?: string;
  forwardedFor?: string;
  userAgent?: string;
}

export interface LogPage {
  date: string;
  count: number;
  items: LogItem[];
  continuationToken: string | null;
}
