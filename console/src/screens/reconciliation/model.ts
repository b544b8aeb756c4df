// The reconciliation API's shapes as the screen reads them (docs/reconciliation.md), and the columns it maps.

import type { ReconciliationEvidence } from "../../lib/reconciliation";

export const fields = [
  ["clickId", "clickid", "Click id"],
  ["txId", "txid", "Transaction id"],
  ["type", "type", "Type or event"],
  ["status", "status", "Status"],
  ["amount", "amount", "Amount"],
  ["currency", "currency", "Currency"],
  ["time", "time", "Time"],
] as const;

export type FieldKey = (typeof fields)[number][0];

export interface Mapping {
  clickId: string;
  txId?: string;
  type?: string;
  typeValue?: string;
  types?: string;
  status?: string;
  amount?: string;
  currency?: string;
  time?: string;
  timeFormat?: string;
}

export interface Preview {
  header: string[];
  rows: string[][];
  presets: Record<string, Mapping>;
  remembered?: { network: string; mapping: Mapping; timeZone: string };
}

interface CurrencyAmount { currency: string; amount: string }

interface CategoryTotal {
  category: string;
  rows: number;
  exportRows: number;
  traxConversions: number;
  exportAmounts: CurrencyAmount[];
  traxAmounts: CurrencyAmount[];
}

export interface Summary extends ReconciliationEvidence {
  id: string;
  network: string;
  from: string;
  to: string;
  timeZone: string;
  exportRows: number;
  traxConversions: number;
  categories: CategoryTotal[];
  rerunOf?: string;
}

export interface Row {
  seq: number;
  category: string;
  reason?: string;
  clickId: string;
  type: string;
  txId?: string;
  line?: number;
  exportStatus?: string;
  exportAmount?: string;
  exportCurrency?: string;
  exportTime?: string;
  duplicateOfLine?: number;
  traxStatus?: string;
  traxAmount?: string;
  traxCurrency?: string;
  traxReceivedAt?: string;
  conversionId?: string;
  postbackId?: string;
  logReason?: string;
  logTime?: string;
}

export interface RowsPage { rows: Row[]; continuation?: string }

export const categories = ["matched", "status-differs", "amount-differs", "only-in-export", "only-in-trax", "outside-period", "duplicate"];
