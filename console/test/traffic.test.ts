import { describe, expect, it } from "vitest";
import { parseExactJson } from "../src/lib/json";
import { clicksAndConversions, formatPercent, parseTrafficState, serializeTrafficState, trafficQuery, type TrafficReport } from "../src/lib/traffic";

describe("the traffic screen", () => {
  it("keeps its range, zone and grouping in the URL, and asks the API in the zone", () => {
    const state = parseTrafficState("?range=today&tz=America/St_Johns&groupBy=day,source");
    expect(state).toEqual({ range: { preset: "today" }, zone: "America/St_Johns", groupBy: ["day", "source"] });
    expect(parseTrafficState(serializeTrafficState(state))).toEqual(state);
    // 02:00 UTC on the 26th is still the 25th in St. John's.
    expect(trafficQuery(state, new Date("2026-11-26T02:00:00Z"), "csv"))
      .toEqual({ from: "2026-11-25", to: "2026-11-25", tz: "America/St_Johns", groupBy: "day,source", format: "csv" });
    expect(parseTrafficState("")).toEqual({ range: { preset: "7d" }, zone: "UTC", groupBy: ["day"] });
  });

  it("shows ratios as exact percentages and a missing one as a dash", () => {
    expect(formatPercent("0.375")).toBe("37.5 %");
    expect(formatPercent("20.978022")).toBe("2097.8022 %");
    expect(formatPercent("-0.413604")).toBe("-41.3604 %");
    expect(formatPercent("0")).toBe("0 %");
    expect(formatPercent("1")).toBe("100 %");
    expect(formatPercent("0.000001")).toBe("0.0001 %");
    expect(formatPercent(null)).toBe("—");
  });

  it("reads money and ratios as the exact text the API wrote", () => {
    const report = parseExactJson('{"totals":{"clicks":8,"conversions":3,"cr":0.375,"revenue":60.10,"cost":102.32,"profit":-42.22,"roi":null,"epc":7.5125}}') as TrafficReport;
    expect(report.totals.revenue).toBe("60.10");
    expect(report.totals.cr).toBe("0.375");
    expect(report.totals.roi).toBeNull();
    expect(report.totals.clicks).toBe(8);
  });

  it("charts clicks against conversions on every day of the range", () => {
    const chart = clicksAndConversions(
      [{ day: "2026-11-25", clicks: 10, conversions: 2, rejected: 0, cr: "0.2", revenue: null, cost: null, profit: null, roi: null, epc: null },
       { day: "2026-11-27", clicks: 4, conversions: 1, rejected: 0, cr: "0.25", revenue: null, cost: null, profit: null, roi: null, epc: null }],
      "2026-11-25", "2026-11-27");
    expect(chart.days).toEqual(["2026-11-25", "2026-11-26", "2026-11-27"]);
    expect(chart.series).toEqual([{ label: "clicks", values: [10, 0, 4] }, { label: "conversions", values: [2, 0, 1] }]);
  });

  it("charts every day of the longest range the traffic report takes (400 days)", () => {
    const chart = clicksAndConversions(
      [{ day: "2026-12-05", clicks: 9, conversions: 3, rejected: 0, cr: "0.3333", revenue: null, cost: null, profit: null, roi: null, epc: null }],
      "2025-11-01", "2026-12-05");
    expect(chart.days).toHaveLength(400);
    expect(chart.series.map((s) => s.values.at(-1))).toEqual([9, 3]);
  });
});
