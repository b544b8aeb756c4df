import { describe, expect, it } from "vitest";
import { healthLines, refusalCount, refusedLine, refusalsSearch, type OverviewSummary } from "../src/lib/summary";

const processor = (fields: Partial<OverviewSummary["processor"]>): OverviewSummary["processor"] => ({
  queue: "postbacks", depth: 0, oldestMessageAgeSeconds: null, poison: 0, forwardsDepth: 0, forwardsPoison: 0,
  stalledAfterSeconds: 600, stalled: false, stalledReason: null, ...fields,
});

describe("the processor's health", () => {
  it("says the queue is empty rather than an age of 0", () => {
    const oldest = healthLines(processor({})).find((l) => l.id === "oldest")!;
    expect(oldest.text).toBe("— (the queue is empty)");
    expect(oldest.value).toBeNull();
  });

  it("gives the front message's age in words and marks it when the processor looks stalled", () => {
    const lines = healthLines(processor({ depth: 17, oldestMessageAgeSeconds: 725, stalled: true }));
    expect(lines.find((l) => l.id === "oldest")).toMatchObject({ text: "12 min 5 s", value: 725, attention: true });
    expect(lines.find((l) => l.id === "depth")).toMatchObject({ text: "17", attention: false });
  });

  it("marks poison messages and dead letters, and only when there are some", () => {
    expect(healthLines(processor({})).filter((l) => l.attention)).toEqual([]);
    expect(healthLines(processor({ poison: 2, forwardsPoison: 1 })).filter((l) => l.attention).map((l) => l.id)).toEqual(["poison", "forwards-poison"]);
  });
});

describe("a reason's refusals in the postback log", () => {
  it("opens one day's rejected rows for the reason", () => {
    expect(refusalsSearch("2026-11-25", "2026-11-25", "unreplaced-macro", "UTC")).toBe("?date=2026-11-25&outcome=rejected&reason=unreplaced-macro");
  });

  it("has no link for a range: the log is read a day at a time", () => {
    expect(refusalsSearch("2026-11-24", "2026-11-25", "invalid-token", "UTC")).toBeUndefined();
  });

  it("opens another zone's day in the log read in that zone, so it holds the same 24 hours", () => {
    // Berlin's 2026-11-25 is 2026-11-24 23:00 to 2026-11-25 23:00 UTC: the log must read Berlin's day, not UTC's.
    expect(refusalsSearch("2026-11-25", "2026-11-25", "unreplaced-macro", "Europe/Berlin"))
      .toBe("?date=2026-11-25&outcome=rejected&reason=unreplaced-macro&tz=Europe%2FBerlin");
  });
});

describe("refusals counted from a bounded read", () => {
  it("shows an exact count as it is, and a capped one as at least", () => {
    expect(refusalCount(1234, true, "en-US")).toBe("1,234");
    expect(refusalCount(10000, false, "en-US")).toBe("at least 10,000");
  });

  it("reads an answer without complete (an older Trax read every row) as exact", () => {
    expect(refusalCount(7, undefined, "en-US")).toBe("7");
  });

  it("says why a capped count is a lower bound", () => {
    expect(refusedLine({ total: 4, byReason: [], complete: true }, "en-US")).toBe("4 refused in these days (nothing of them was counted; each got its reason).");
    expect(refusedLine({ total: 10000, byReason: [], complete: false }, "en-US")).toBe(
      "At least 10,000 refused in these days (nothing of them was counted; each got its reason). There were more than the overview reads, so this and each reason's count are lower bounds: the postback log has them all.");
  });
});
