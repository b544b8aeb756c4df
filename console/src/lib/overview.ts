// The overview's figures, from two report calls whatever the data size (docs/console.md):
//   groupBy=day,type,status → conversions by type and status, and the chart per day stacked by type;
//   groupBy=network,program → the top networks and the top programs.
// Totals per currency come from the API as they are. Nothing here adds money except a network's (or program's)
// payout over its rows, which is exact (decimal.ts).

import { addDecimals } from "./decimal";
import { amountOf, type ReportRow } from "./report";
import { daysBetween } from "./ranges";

export const conversionTypes = ["ftd", "reg", "sale"] as const;
export const statuses = ["pending", "approved", "rejected"] as const;

/** Count of conversions per type and current status; net = pending + approved (what reports count). */
export interface TypeStatusCounts {
  type: string;
  byStatus: Record<string, number>;
  net: number;
  all: number;
}

/** A row grouped by status holds its conversions under conversions (approved, pending) or rejected: the sum is its count. */
function count(row: ReportRow): number {
  return row.conversions + row.rejected;
}

/** Rows of groupBy=…type,status… summed per type, every known type and status present (0 when none), known ones first. */
export function typeStatusCounts(rows: readonly ReportRow[]): TypeStatusCounts[] {
  const byType = new Map<string, TypeStatusCounts>();
  const entry = (type: string) => {
    let found = byType.get(type);
    if (!found) {
      found = { type, byStatus: Object.fromEntries(statuses.map((s) => [s, 0])), net: 0, all: 0 };
      byType.set(type, found);
    }
    return found;
  };
  for (const type of conversionTypes) entry(type);
  for (const row of rows) {
    const item = entry(row.type ?? "—");
    const status = row.status ?? "—";
    item.byStatus[status] = (item.byStatus[status] ?? 0) + count(row);
    item.net += row.conversions;
    item.all += count(row);
  }
  return [...byType.values()];
}

export interface DailySeries {
  days: string[];
  /** Seconds since 1970 of each day's UTC midnight (the chart's x values). */
  times: number[];
  /** Net conversions (pending and approved) per type, one value per day. */
  series: { label: string; values: number[] }[];
}

/** Rows of groupBy=day,type(,status) as one series per type over every day of the range (0 on a day without any). */
export function dailyByType(rows: readonly ReportRow[], from: string, to: string): DailySeries {
  const days = daysBetween(from, to);
  const index = new Map(days.map((d, i) => [d, i]));
  const types: string[] = [...conversionTypes];
  for (const row of rows) if (row.type && !types.includes(row.type)) types.push(row.type);
  const values = new Map(types.map((t) => [t, days.map(() => 0)]));
  for (const row of rows) {
    const i = row.day ? index.get(row.day) : undefined;
    const series = values.get(row.type ?? "");
    if (i !== undefined && series) series[i]! += row.conversions;
  }
  return {
    days,
    times: days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000),
    series: types.map((t) => ({ label: t, values: values.get(t)! })),
  };
}

export interface Ranked {
  /** The network or program; null when the conversions named none. */
  name: string | null;
  conversions: number;
  rejected: number;
  /** Net payout per currency (null currency: payouts sent without one), currencies in order. */
  payouts: { currency: string | null; payout: string | null }[];
}

/** Rows summed by one dimension, most conversions first (then by name), at most `limit`. */
export function top(rows: readonly ReportRow[], dimension: "network" | "program", limit: number): Ranked[] {
  const byName = new Map<string | null, { conversions: number; rejected: number; payouts: Map<string | null, string | null> }>();
  for (const row of rows) {
    const name = row[dimension] ?? null;
    let item = byName.get(name);
    if (!item) {
      item = { conversions: 0, rejected: 0, payouts: new Map() };
      byName.set(name, item);
    }
    item.conversions += row.conversions;
    item.rejected += row.rejected;
    const amount = amountOf(row.payout, row.payoutOverflow);
    item.payouts.set(row.currency, item.payouts.has(row.currency) ? addDecimals(item.payouts.get(row.currency)!, amount) : amount);
  }
  return [...byName.entries()]
    .map(([name, item]) => ({
      name,
      conversions: item.conversions,
      rejected: item.rejected,
      payouts: [...item.payouts.entries()]
        .sort(([a], [b]) => compareNullable(a, b))
        .map(([currency, payout]) => ({ currency, payout })),
    }))
    .sort((a, b) => b.conversions - a.conversions || b.rejected - a.rejected || compareNullable(a.name, b.name))
    .slice(0, limit);
}

/** Ordinal, no value first (as the API orders its rows). */
function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}
