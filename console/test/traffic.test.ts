import { describe, expect, it } from "vitest";
import { parseExactJson } from "../src/lib/json";
import { clicksAndConversions, figureText, formatPercent, parseTrafficState, serializeTrafficState, trafficFields, trafficQuery, type TrafficReport } from "../src/lib/traffic";

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

describe("a figure the API could not make", () => {
  // A missing rate (or amounts with no common currency) makes money null, and with it EPC and ROI. Shown as "—", the
  // mark the screen explains as "the divisor is 0", a row with a cost in a currency without a rate read as a free source.
  const row = (f: Partial<TrafficReport["totals"]>): TrafficReport["totals"] =>
    ({ clicks: 0, conversions: 0, rejected: 0, cr: null, revenue: "0", cost: "0", profit: "0", roi: null, epc: null, ...f });

  it("is 'missing', never the zero divisor's mark", () => {
    const noRate = row({ clicks: 3, conversions: 1, cr: "0.333333", revenue: "30", cost: null, profit: null, roi: null, epc: "10" });
    expect(trafficFields.map((name) => figureText(noRate, name, "EUR")))
      .toEqual(["33.3333 %", "€30.00", "missing", "missing", "missing", "€10.00"]);
    const noRevenue = row({ clicks: 2, revenue: null, cost: "1.5", profit: null, roi: null, epc: null, cr: "0" });
    expect(trafficFields.map((name) => figureText(noRevenue, name, "EUR")))
      .toEqual(["0 %", "missing", "€1.50", "missing", "missing", "missing"]);
  });

  it("keeps '—' for a ratio whose divisor is 0", () => {
    const none = row({});
    expect(trafficFields.map((name) => figureText(none, name, "EUR"))).toEqual(["—", "€0.00", "€0.00", "€0.00", "—", "—"]);
    const zeroCost = row({ clicks: 1, cr: "0", cost: "0.00", epc: "0" });
    expect(figureText(zeroCost, "roi", "EUR")).toBe("—");
  });
});
