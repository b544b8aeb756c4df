// The report API (GET /api/reports/conversions, Reports/ConversionReport.cs): its answer, and the reports screen's
// state in the URL (/console/reports?range=7d&groupBy=day,network). Amounts are exact decimal strings (json.ts).

import type { DayRange } from "./dates";
import { parseRange, parseZone, rangeParams, resolveRange, zoneParams, type RangeChoice } from "./ranges";

export const dimensions = ["day", "type", "network", "program", "campaign", "status"] as const;
export type Dimension = (typeof dimensions)[number];

export interface Money {
  conversions: number;
  payout: string | null;
  payoutOverflow?: boolean;
}

export interface Sums {
  currency: string | null;
  conversions: number;
  payout: string | null;
  payoutOverflow?: boolean;
  rejected: number;
  rejectedPayout: string | null;
  rejectedPayoutOverflow?: boolean;
}

export interface ReportTotal extends Sums {
  byStatus: { approved: Money; pending: Money; rejected: Money };
}

export type ReportRow = Sums & Partial<Record<Dimension, string | null>>;

export interface Report {
  from: string;
  to: string;
  /** The zone whose days these are (the API's answer). */
  timeZone?: string;
  groupBy: string[];
  conversions: number;
  totals: ReportTotal[];
  rows: ReportRow[];
}

/** An amount as the API gave it, "overflow" when the API could not sum it, or null for none. */
export function amountOf(payout: string | null, overflow: boolean | undefined): string | null {
  return overflow ? "overflow" : payout;
}

export interface ReportState {
  range: RangeChoice;
  /** The IANA zone whose days the range is (UTC unless the URL says ?tz=). */
  zone: string;
  groupBy: string[];
  /** CSV only: a text that a spreadsheet would run as a formula gets a leading ' (the API's default). */
  escapeFormulas: boolean;
}

export function parseReportState(search: string): ReportState {
  const params = new URLSearchParams(search);
  const groupBy = params.get("groupBy");
  return {
    range: parseRange(params, "7d"),
    zone: parseZone(params),
    groupBy: groupBy === null ? ["day"] : groupBy.split(",").map((g) => g.trim()).filter(Boolean),
    escapeFormulas: params.get("escapeFormulas") !== "false",
  };
}

export function serializeReportState(state: ReportState): string {
  const params = new URLSearchParams([...rangeParams(state.range), ...zoneParams(state.zone)]);
  params.set("groupBy", state.groupBy.join(","));
  if (!state.escapeFormulas) params.set("escapeFormulas", "false");
  return `?${params.toString()}`;
}

/** The API's query for a state at an instant (presets resolve to the zone's days; the zone always sent). */
export function reportQuery(state: ReportState, now: Date, format: "json" | "csv"): Record<string, string> {
  const { from, to } = resolveRange(state.range, now, state.zone);
  const query: Record<string, string> = { from, to, tz: state.zone, groupBy: state.groupBy.join(",") };
  if (format === "csv") {
    query.format = "csv";
    if (!state.escapeFormulas) query.escapeFormulas = "false";
  }
  return query;
}

/**
 * The CSV of the report the page shows: its days as the API answered them, never the preset resolved again at the
 * click (a page loaded before midnight would download another range than it shows).
 */
export function reportCsvQuery(state: ReportState, shown: DayRange): Record<string, string> {
  return reportQuery({ ...state, range: { from: shown.from, to: shown.to } }, new Date(), "csv");
}
