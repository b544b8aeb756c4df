// A conversion as GET /api/conversions?clickid=… answers it (Reports/ConversionLookup.cs), and what the conversion
// page derives from it: its id in a URL, how long it took, where each history entry sits in the postback log.

import { logSearchAt } from "./logFilters";

export interface StateView {
  status: string;
  payout?: string;
  currency?: string;
}

export interface HistoryItem {
  postbackId: string;
  receivedAt: string;
  outcome: string;
  status: string;
  statusRaw?: string;
  payout?: string;
  currency?: string;
  network?: string;
  method?: string;
  from?: StateView;
  to: StateView;
}

export interface ConversionView {
  key: string;
  conversionId: string;
  type: string;
  clickId: string;
  network?: string;
  program?: string;
  txId?: string;
  status: string;
  statusRaw?: string;
  payout?: string;
  currency?: string;
  postbackId: string;
  receivedAt: string;
  processedAt: string;
  warnings?: string;
  orphan: boolean;
  outsideWindow: boolean;
  clickedAt?: string;
  secondsToConvert?: number;
  linkId?: string;
  clickNetwork?: string;
  clickProgram?: string;
  campaign?: string;
  source?: string;
  sub1?: string;
  sub2?: string;
  sub3?: string;
  sub4?: string;
  sub5?: string;
  attributionWindowDays?: number;
  reattributedAt?: string;
  method?: string;
  rawQuery?: string;
  rawBody?: string;
  clientIp?: string;
  forwardedFor?: string;
  userAgent?: string;
  history: HistoryItem[];
}

export interface LookupAnswer {
  clickid: string;
  count: number;
  conversions: ConversionView[];
}

/**
 * The click id a conversion id names. A conversion id is the click's partition key, '/', the conversion key
 * (Storage/Keys.Forwards.cs); the partition is the click id with '/', '\', '#', '?', '%' and control characters
 * written as %XX, which is lossless for every click id Trax accepts (at most 128 printable characters, never
 * long enough to be shortened by a hash). Undefined when the text is not a conversion id.
 */
export function clickIdOf(conversionId: string): string | undefined {
  const slash = conversionId.indexOf("/");
  if (slash <= 0 || slash === conversionId.length - 1 || conversionId.indexOf("/", slash + 1) >= 0) return undefined;
  const partition = conversionId.slice(0, slash);
  if (/%(?![0-9A-Fa-f]{2})/.test(partition)) return undefined;
  return partition.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** "2 h 5 min" for 7,500 seconds: the largest two units, for a person (the exact seconds are shown beside it). */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return `${seconds} s`;
  const whole = Math.floor(seconds);
  const names = ["d", "h", "min", "s"];
  const values = [Math.floor(whole / 86_400), Math.floor((whole % 86_400) / 3_600), Math.floor((whole % 3_600) / 60), whole % 60];
  const first = values.findIndex((v) => v > 0);
  if (first < 0) return "0 s";
  const parts = [`${values[first]} ${names[first]}`];
  if (first < 3) parts.push(`${values[first + 1]} ${names[first + 1]}`);
  return parts.join(" ");
}

/**
 * The postback log's view that holds a history entry's row: its day and clock hour in the page's zone (the log reads
 * that zone's, named in the link), its type and network (filters the log API runs in storage), so the row is among
 * the few the log shows. As a query string for /postbacks.
 */
export function logSearchFor(entry: Pick<HistoryItem, "receivedAt" | "network">, type: string, zone: string): string {
  return logSearchAt(entry.receivedAt, zone, { type, ...(entry.network ? { network: entry.network } : {}) }, true);
}

/** The UTC days a conversion was touched on (its first postback and every history entry), oldest first. */
export function daysOf(conversion: Pick<ConversionView, "receivedAt" | "history">): string[] {
  const days = new Set<string>();
  for (const at of [conversion.receivedAt, ...conversion.history.map((h) => h.receivedAt)]) {
    const date = new Date(at);
    if (!Number.isNaN(date.getTime())) days.add(date.toISOString().slice(0, 10));
  }
  return [...days].sort();
}

/** A state as one line: "approved, €25.50". */
export function stateLine(state: StateView | undefined, money: (amount: string, currency: string | undefined) => string): string {
  if (!state) return "—";
  return `${state.status}, ${state.payout ? money(state.payout, state.currency) : "no payout"}`;
}
