import { describe, expect, it } from "vitest";
import { stack } from "../src/lib/chart";
import { dailyByType, top, typeStatusCounts } from "../src/lib/overview";
import type { ReportRow } from "../src/lib/report";

const row = (fields: Partial<ReportRow>): ReportRow =>
  ({ currency: "EUR", conversions: 0, payout: null, rejected: 0, rejectedPayout: null, ...fields });

describe("the overview's figures", () => {
  // As groupBy=day,type,status answers: a row per day, type, status and currency.
  const byDay = [
    row({ day: "2026-11-24", type: "ftd", status: "approved", conversions: 2, payout: "50.00" }),
    row({ day: "2026-11-25", type: "ftd", status: "approved", currency: "USD", conversions: 1, payout: "10" }),
    row({ day: "2026-11-25", type: "ftd", status: "rejected", rejected: 3, rejectedPayout: "75.00" }),
    row({ day: "2026-11-25", type: "sale", status: "pending", conversions: 4, payout: null, currency: null }),
  ];

  it("counts every type and status, each conversion once, with 0 where there are none", () => {
    expect(typeStatusCounts(byDay)).toEqual([
      { type: "ftd", byStatus: { pending: 0, approved: 3, rejected: 3 }, net: 3, all: 6 },
      { type: "reg", byStatus: { pending: 0, approved: 0, rejected: 0 }, net: 0, all: 0 },
      { type: "sale", byStatus: { pending: 4, approved: 0, rejected: 0 }, net: 4, all: 4 },
    ]);
  });

  it("makes a series per type over every day of the range, counting conversions net of rejections", () => {
    const daily = dailyByType(byDay, "2026-11-23", "2026-11-25");
    expect(daily.days).toEqual(["2026-11-23", "2026-11-24", "2026-11-25"]);
    expect(daily.times).toEqual([Date.UTC(2026, 10, 23) / 1000, Date.UTC(2026, 10, 24) / 1000, Date.UTC(2026, 10, 25) / 1000]);
    expect(daily.series).toEqual([
      { label: "ftd", values: [0, 2, 1] },
      { label: "reg", values: [0, 0, 0] },
      { label: "sale", values: [0, 0, 4] },
    ]);
  });

  it("charts every day of the longest range the report API takes (400 days), the last day's conversions included", () => {
    // 2025-11-01 to 2026-12-05 is 400 days, which the form and the report API accept.
    const daily = dailyByType([row({ day: "2026-12-05", type: "ftd", status: "approved", conversions: 7, payout: "1" })], "2025-11-01", "2026-12-05");
    expect(daily.days).toHaveLength(400);
    expect(daily.days.at(-1)).toBe("2026-12-05");
    expect(daily.series[0]!.values.at(-1)).toBe(7);
  });

  it("ranks networks by counted conversions and sums each one's payout per currency exactly", () => {
    const byName = [
      row({ network: "B", program: "P1", conversions: 1, payout: "0.10" }),
      row({ network: "A", program: "P1", conversions: 2, payout: "25.50" }),
      row({ network: "B", program: "P2", conversions: 1, payout: "0.20" }),
      row({ network: "A", program: "P2", conversions: 1, payout: "10", currency: "USD" }),
      row({ network: "A", program: "P3", conversions: 1, payout: "10" }),
      row({ network: null, program: "P1", conversions: 0, rejected: 1, rejectedPayout: "5" }),
      row({ network: "C", program: "P9", conversions: 1, payoutOverflow: true }),
    ];
    expect(top(byName, "network", 10)).toEqual([
      { name: "A", conversions: 4, rejected: 0, payouts: [{ currency: "EUR", payout: "35.50" }, { currency: "USD", payout: "10" }] },
      { name: "B", conversions: 2, rejected: 0, payouts: [{ currency: "EUR", payout: "0.30" }] },
      { name: "C", conversions: 1, rejected: 0, payouts: [{ currency: "EUR", payout: "overflow" }] },
      { name: null, conversions: 0, rejected: 1, payouts: [{ currency: "EUR", payout: null }] },
    ]);
    expect(top(byName, "program", 2).map((p) => [p.name, p.conversions])).toEqual([["P1", 3], ["P2", 2]]);
  });
});

describe("stacked bars", () => {
  it("are drawn to running sums", () => {
    expect(stack([{ label: "a", values: [1, 0, null] }, { label: "b", values: [2, 3, 1] }, { label: "c", values: [0, 1, 1] }]))
      .toEqual([[1, 0, 0], [3, 3, 1], [3, 4, 2]]);
  });
});
