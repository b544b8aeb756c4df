// The traffic report (GET /api/reports/traffic, Traffic/TrafficReport.cs): clicks, conversions, CR, revenue, cost,
// profit, ROI and EPC per group of click dimensions, and the traffic screen's state in its URL
// (/console/traffic?range=7d&tz=Europe/Berlin&groupBy=day,source). Money and ratios arrive as exact decimal strings
// (json.ts); a ratio whose divisor is zero is null, shown as "—".

import type { DayRange } from "./dates";
import { formatMoney } from "./format";
import { daysBetween, parseRange, parseZone, rangeParams, resolveRange, zoneParams, type RangeChoice } from "./ranges";

export const trafficDimensions = ["day", "link", "campaign", "source", "network", "program", "sub1", "sub2", "sub3", "sub4", "sub5"] as const;
export type TrafficDimension = (typeof trafficDimensions)[number];

export interface TrafficFigures {
  clicks: number;
  conversions: number;
  byType?: Record<string, number>;
  rejected: number;
  cr: string | null;
  revenue: string | null;
  cost: string | null;
  profit: string | null;
  roi: string | null;
  epc: string | null;
}

export type TrafficRow = TrafficFigures & Partial<Record<TrafficDimension, string | null>>;

export interface TrafficReport {
  from: string;
  to: string;
  timeZone: string;
  groupBy: string[];
  /** The currency money is in (the base currency), null when amounts of several currencies could not be summed. */
  currency: string | null;
  complete: boolean;
  totals: TrafficFigures;
  unallocatedCost?: string | null;
  missingRates?: unknown[];
  rows: TrafficRow[];
}

export interface TrafficState {
  range: RangeChoice;
  zone: string;
  groupBy: string[];
}

export function parseTrafficState(search: string): TrafficState {
  const params = new URLSearchParams(search);
  const groupBy = params.get("groupBy");
  return {
    range: parseRange(params, "7d"),
    zone: parseZone(params),
    groupBy: groupBy === null ? ["day"] : groupBy.split(",").map((g) => g.trim()).filter(Boolean),
  };
}

export function serializeTrafficState(state: TrafficState): string {
  const params = new URLSearchParams([...rangeParams(state.range), ...zoneParams(state.zone)]);
  params.set("groupBy", state.groupBy.join(","));
  return `?${params.toString()}`;
}

/** The API's query for a state at an instant: presets are the zone's days, and the zone is always sent. */
export function trafficQuery(state: TrafficState, now: Date, format: "json" | "csv"): Record<string, string> {
  const { from, to } = resolveRange(state.range, now, state.zone);
  const query: Record<string, string> = { from, to, tz: state.zone, groupBy: state.groupBy.join(",") };
  if (format === "csv") query.format = "csv";
  return query;
}

/** The CSV of the traffic report the page shows: its days as the API answered them, never the preset resolved again at the click. */
export function trafficCsvQuery(state: TrafficState, shown: DayRange): Record<string, string> {
  return trafficQuery({ ...state, range: { from: shown.from, to: shown.to } }, new Date(), "csv");
}

/** A ratio as a percentage, exactly (the decimal point moved two places): "0.375" → "37.5 %"; null → "—". */
export function formatPercent(ratio: string | null | undefined): string {
  if (ratio === null || ratio === undefined || !/^-?\d+(\.\d+)?$/.test(ratio)) return ratio ?? "—";
  const negative = ratio.startsWith("-");
  const [whole, fraction = ""] = (negative ? ratio.slice(1) : ratio).split(".");
  const integer = (whole! + fraction.slice(0, 2).padEnd(2, "0")).replace(/^0+(?=\d)/, "");
  const rest = fraction.slice(2).replace(/0+$/, "");
  const trimmed = rest ? `${integer}.${rest}` : integer;
  return `${negative && trimmed !== "0" ? "-" : ""}${trimmed} %`;
}

export interface ClicksAndConversions {
  days: string[];
  /** Seconds since 1970 of each day's UTC midnight (the chart's x positions; the days are the report's zone's). */
  times: number[];
  series: { label: string; values: number[] }[];
}

/** Rows of groupBy=day as two series over every day of the range: clicks and conversions (0 on a day without any). */
export function clicksAndConversions(rows: readonly TrafficRow[], from: string, to: string): ClicksAndConversions {
  const days = daysBetween(from, to);
  const index = new Map(days.map((d, i) => [d, i]));
  const clicks = days.map(() => 0);
  const conversions = days.map(() => 0);
  for (const row of rows) {
    const i = row.day ? index.get(row.day) : undefined;
    if (i === undefined) continue;
    clicks[i]! += row.clicks;
    conversions[i]! += row.conversions;
  }
  return {
    days,
    times: days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000),
    series: [{ label: "clicks", values: clicks }, { label: "conversions", values: conversions }],
  };
}

/** The figures of a row the screen shows after its counts, in its order. */
export const trafficFields = ["cr", "revenue", "cost", "profit", "roi", "epc"] as const;
export type TrafficField = (typeof trafficFields)[number];

const zero = /^-?0+(\.0+)?$/;

/**
 * Whether a figure is null because the API could not make its money (a missing rate, rates unavailable, amounts of
 * several currencies and no base currency, an overflow), not because a ratio's divisor is 0: money is null only then,
 * EPC when there were clicks, ROI when the cost was not 0.
 */
export function isMissing(f: TrafficFigures, name: TrafficField): boolean {
  if (f[name] !== null) return false;
  if (name === "cr") return false;
  if (name === "epc") return f.clicks !== 0;
  if (name === "roi") return f.cost === null || !zero.test(f.cost);
  return true;
}

/** A figure's cell text: a ratio as a percentage, money in the report's currency; "—" for a zero divisor, "missing" for money the API could not make. */
export function figureText(f: TrafficFigures, name: TrafficField, currency: string | null): string {
  if (isMissing(f, name)) return "missing";
  const value = f[name];
  return name === "cr" || name === "roi" ? formatPercent(value) : formatMoney(value, currency);
}
