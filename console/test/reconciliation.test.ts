import { describe, expect, it } from "vitest";
import { evidenceNotes, reasonsLine } from "../src/lib/reconciliation";

const complete = { reasons: { "never-arrived": 1, refused: 2 }, refusalReasons: { "invalid-token": 1, "ip-not-allowed": 1 }, queueComplete: true };

describe("reasonsLine", () => {
  it("counts the only-in-export rows by reason, and the refused by their code, exactly when every refusal was read", () => {
    expect(reasonsLine(complete, "en-US")).toBe("Only in the export, by reason: never-arrived 1, refused 2 (invalid-token 1, ip-not-allowed 1).");
    expect(reasonsLine({ ...complete, refusalsComplete: true }, "en-US")).toBe(reasonsLine(complete, "en-US"));
  });

  it("says at least for the refused counts when the log held more refusals than were read", () => {
    expect(reasonsLine({ ...complete, refusalsComplete: false, reasons: { refused: 1200 }, refusalReasons: { "invalid-token": 1200 } }, "en-US"))
      .toBe("Only in the export, by reason: refused at least 1,200 (invalid-token at least 1,200).");
  });

  it("is nothing when no row is only in the export", () => {
    expect(reasonsLine({ ...complete, reasons: {}, refusalReasons: {} })).toBeUndefined();
  });
});

describe("evidenceNotes", () => {
  it("says which evidence was read only in part", () => {
    expect(evidenceNotes(complete)).toEqual([]);
    expect(evidenceNotes({ ...complete, refusalsComplete: false })).toEqual([
      "Trax refused more postbacks around these days than one reconciliation reads: the refused counts are lower bounds, and a row said never to have arrived may have been refused (the postback log has them all).",
    ]);
    expect(evidenceNotes({ ...complete, queueComplete: false })[0]).toMatch(/^The queue held more/);
  });
});
