import { describe, expect, it } from "vitest";
import { addDays, dayIn, isDay, presetRange } from "../src/lib/dates";

describe("presetRange", () => {
  // 23:30 UTC on 25 November: already the 26th in Berlin and Tokyo, still the 25th in New York.
  const lateEvening = new Date("2026-11-25T23:30:00Z");

  it("takes today in the reader's time zone, not in UTC", () => {
    expect(presetRange("today", lateEvening, "UTC")).toEqual({ from: "2026-11-25", to: "2026-11-25" });
    expect(presetRange("today", lateEvening, "Europe/Berlin")).toEqual({ from: "2026-11-26", to: "2026-11-26" });
    expect(presetRange("today", lateEvening, "America/New_York")).toEqual({ from: "2026-11-25", to: "2026-11-25" });
  });

  it("takes yesterday as the day before the zone's today", () => {
    expect(presetRange("yesterday", lateEvening, "Asia/Tokyo")).toEqual({ from: "2026-11-25", to: "2026-11-25" });
    expect(presetRange("yesterday", new Date("2026-03-01T10:00:00Z"), "UTC")).toEqual({ from: "2026-02-28", to: "2026-02-28" });
  });

  it("counts 7 and 30 days with today included, across month and year ends", () => {
    expect(presetRange("7d", new Date("2027-01-03T12:00:00Z"), "UTC")).toEqual({ from: "2026-12-28", to: "2027-01-03" });
    expect(presetRange("30d", new Date("2026-03-01T12:00:00Z"), "UTC")).toEqual({ from: "2026-01-31", to: "2026-03-01" });
  });

  it("is not thrown off by a daylight saving change in the range", () => {
    // Europe/Berlin moved to summer time on 2026-03-29.
    expect(presetRange("7d", new Date("2026-04-01T22:30:00Z"), "Europe/Berlin")).toEqual({ from: "2026-03-27", to: "2026-04-02" });
  });
});

describe("days", () => {
  it("reads only real calendar days", () => {
    expect(isDay("2026-11-25")).toBe(true);
    expect(isDay("2028-02-29")).toBe(true);
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2026-13-01")).toBe(false);
    expect(isDay("2026-1-5")).toBe(false);
  });

  it("adds days by the calendar", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
  });

  it("finds the day of an instant in a zone", () => {
    expect(dayIn(new Date("2026-11-25T10:00:00Z"), "Pacific/Kiritimati")).toBe("2026-11-26");
    expect(dayIn(new Date("2026-11-25T10:00:00Z"), "Pacific/Pago_Pago")).toBe("2026-11-24");
  });
});
