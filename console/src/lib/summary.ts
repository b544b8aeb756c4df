// GET /api/overview (docs/console.md): what the report API cannot answer — postbacks refused by reason, orphans, and
// the processor's health now. One call per view, beside the overview's two report calls.

import { formatDuration } from "./conversions";
import { formatCount } from "./format";
import { zoneParams } from "./ranges";

export interface OverviewSummary {
  from: string;
  to: string;
  /** The zone whose days these are (the API's answer). */
  timeZone: string;
  generatedAt: string;
  /** complete false: more refusals than the API reads for one answer, so the counts are lower bounds (absent before it was capped). */
  rejectedPostbacks: { total: number; byReason: { reason: string; count: number }[]; complete?: boolean };
  conversions: Record<string, number>;
  orphans: { count: number; outsideWindow: number };
  processor: {
    queue: string;
    depth: number;
    oldestMessageAgeSeconds: number | null;
    poison: number;
    forwardsDepth: number;
    forwardsPoison: number;
    stalledAfterSeconds: number;
    stalled: boolean;
    stalledReason: string | null;
  };
}

export interface HealthLine {
  id: string;
  label: string;
  value: number | null;
  text: string;
  /** Something an operator should look at (poison messages, dead letters). */
  attention: boolean;
}

/** The processor's figures as lines for a person: counts, the front message's age in words, what needs attention. */
export function healthLines(p: OverviewSummary["processor"]): HealthLine[] {
  return [
    { id: "depth", label: "Postbacks waiting", value: p.depth, text: String(p.depth), attention: false },
    {
      id: "oldest",
      label: "The oldest has waited",
      value: p.oldestMessageAgeSeconds,
      text: p.oldestMessageAgeSeconds === null ? "— (the queue is empty)" : formatDuration(p.oldestMessageAgeSeconds),
      attention: p.stalled,
    },
    { id: "poison", label: "Poison postbacks (given up on)", value: p.poison, text: String(p.poison), attention: p.poison > 0 },
    { id: "forwards", label: "Forwards waiting or retrying", value: p.forwardsDepth, text: String(p.forwardsDepth), attention: false },
    { id: "forwards-poison", label: "Forwards given up on", value: p.forwardsPoison, text: String(p.forwardsPoison), attention: p.forwardsPoison > 0 },
  ];
}

/**
 * The postback log's view of one day's refusals for a reason, in the overview's zone (named, none for UTC: the log
 * reads that zone's day, the same 24 hours the overview counted), or undefined for a range (the log is read a day at
 * a time).
 */
export function refusalsSearch(from: string, to: string, reason: string, timeZone: string): string | undefined {
  if (from !== to) return undefined;
  return `?${new URLSearchParams([["date", from], ["outcome", "rejected"], ["reason", reason], ...zoneParams(timeZone)]).toString()}`;
}

/** A count of refusals as the overview shows it: exact, or "at least" when the API read only some of them. */
export function refusalCount(count: number, complete: boolean | undefined, locale?: string): string {
  return complete === false ? `at least ${formatCount(count, locale)}` : formatCount(count, locale);
}

/** The line above the refusals by reason, saying why a capped total is a lower bound. */
export function refusedLine(refused: OverviewSummary["rejectedPostbacks"], locale?: string): string {
  const total = refusalCount(refused.total, refused.complete, locale);
  const line = `${total.charAt(0).toUpperCase()}${total.slice(1)} refused in these days (nothing of them was counted; each got its reason).`;
  return refused.complete === false
    ? `${line} There were more than the overview reads, so this and each reason's count are lower bounds: the postback log has them all.`
    : line;
}
