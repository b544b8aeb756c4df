import { describe, expect, it } from "vitest";
import { clickPostbacksNote, deliveriesNote, followedPage } from "../src/lib/search";

describe("a click's postbacks, a page at a time", () => {
  interface Answer { clickid: string; from: string; to: string; count: number; items: { id: string }[]; continuationToken?: string | null }
  const page = (ids: string[], continuationToken: string | null): Answer =>
    ({ clickid: "c-1", from: "2026-11-25", to: "2026-11-26", count: ids.length, items: ids.map((id) => ({ id })), continuationToken });

  it("follows the next page after the rows shown: both pages' rows, their count, the later page's token", () => {
    expect(followedPage(page(["a", "b"], "t1"), page(["c"], null))).toEqual(page(["a", "b", "c"], null));
    expect(followedPage(page(["a"], "t1"), page(["b"], "t2")).continuationToken).toBe("t2");
  });

  it("reads an answer without a token (an older Trax) as the last page", () => {
    const old = page(["a"], null);
    delete old.continuationToken;
    expect(followedPage(page([], "t1"), old).continuationToken).toBeNull();
  });

  it("says the count is of the rows shown so far while more follow, and is the whole count only on the last page", () => {
    expect(clickPostbacksNote(100, "2026-11-25", "2026-11-26", "UTC", true)).toBe(
      "The newest 100 postback log rows about this conversion from 2026-11-25 to 2026-11-26 (UTC), newest first; there are more: Show more reads them");
    expect(clickPostbacksNote(3, "2026-11-25", "2026-11-26", "UTC", false)).toBe(
      "3 postback log rows about this conversion from 2026-11-25 to 2026-11-26 (UTC), newest first");
    expect(clickPostbacksNote(1, "2026-11-25", "2026-11-25", "UTC", false)).toBe(
      "1 postback log row about this conversion from 2026-11-25 to 2026-11-25 (UTC), newest first");
    expect(clickPostbacksNote(0, "2026-11-25", "2026-11-25", "UTC", false)).toBe(
      "No postback log row about this conversion from 2026-11-25 to 2026-11-25 (UTC), newest first");
  });

  it("names the zone whose days the API read (tz=), and UTC for an older Trax that named none", () => {
    expect(clickPostbacksNote(2, "2026-11-25", "2026-11-25", "America/St_Johns", false)).toBe(
      "2 postback log rows about this conversion from 2026-11-25 to 2026-11-25 (America/St_Johns), newest first");
    expect(clickPostbacksNote(2, "2026-11-25", "2026-11-25", undefined, false)).toContain("(UTC)");
  });
});

describe("a conversion's deliveries", () => {
  it("says how many attempts of which days, in the zone the API read them in, across how many forwards", () => {
    expect(deliveriesNote({ from: "2026-11-25", to: "2026-11-26", timeZone: "Asia/Tokyo", count: 1, forwards: 2 })).toBe(
      "1 delivery attempt of this conversion from 2026-11-25 to 2026-11-26 (Asia/Tokyo), newest first, across 2 forwards.");
    expect(deliveriesNote({ from: "2026-11-25", to: "2026-11-25", count: 0, forwards: 1 })).toBe(
      "No delivery attempt of this conversion from 2026-11-25 to 2026-11-25 (UTC), newest first, across 1 forward.");
  });
});
