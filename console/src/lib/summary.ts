// GET /api/overview (docs/console.md): what the report API cannot answer — postbacks refused by reason, orphans, and
// the processor's health now. One call per view, beside the overview's two report calls.

import { formatDuration } from "./conversions";
import { zoneParams } from "./ranges";

export interface OverviewSummary {
  from: string;
  to: string;
  /** The zone whose days these are (the API's answer). */
  timeZone: string;
  generatedAt: string;
  rejectedPostbacks: { total: number; byReason: { reason: string; count: number }[] };
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
