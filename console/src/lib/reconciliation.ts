// What a reconciliation's summary says beyond its categories: the only-in-export rows by reason, and when Trax's
// evidence was only part of what it holds (docs/reconciliation.md): the queue held more than one peek, or the log more
// refused postbacks than one run reads. Then refused counts are "at least", and a never-arrived may not be one.

import { formatCount } from "./format";
import { refusalCount } from "./summary";

export interface ReconciliationEvidence {
  reasons: Record<string, number>;
  refusalReasons: Record<string, number>;
  queueComplete: boolean;
  /** Absent in a summary stored before the read was bounded: that one read every refusal. */
  refusalsComplete?: boolean;
}

/** The only-in-export rows by reason, refusals by their code: "refused at least 3 (invalid-token at least 3), never-arrived 1". */
export function reasonsLine(s: ReconciliationEvidence, locale?: string): string | undefined {
  const parts = Object.entries(s.reasons).map(([reason, count]) => {
    if (reason !== "refused") return `${reason} ${formatCount(count, locale)}`;
    const codes = Object.entries(s.refusalReasons).map(([code, n]) => `${code} ${refusalCount(n, s.refusalsComplete, locale)}`);
    return `refused ${refusalCount(count, s.refusalsComplete, locale)}${codes.length > 0 ? ` (${codes.join(", ")})` : ""}`;
  });
  return parts.length === 0 ? undefined : `Only in the export, by reason: ${parts.join(", ")}.`;
}

/** Why some reasons may be wrong: each part of Trax's evidence that was read only in part. */
export function evidenceNotes(s: ReconciliationEvidence): string[] {
  const notes: string[] = [];
  if (!s.queueComplete) notes.push("The queue held more than could be read: a row said never to have arrived may still be waiting.");
  if (s.refusalsComplete === false) {
    notes.push("Trax refused more postbacks around these days than one reconciliation reads: the refused counts are lower bounds, and a row said never to have arrived may have been refused (the postback log has them all).");
  }
  return notes;
}
