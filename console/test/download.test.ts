import { afterEach, describe, expect, it, vi } from "vitest";
import { parseReportState, reportCsvQuery, reportQuery } from "../src/lib/report";
import { parseTrafficState, trafficCsvQuery, trafficQuery } from "../src/lib/traffic";

// A page loaded before midnight and its CSV downloaded after it: the file must be the days the page shows, not the
// days the preset stands for at the click.
describe("a report's CSV download", () => {
  afterEach(() => { vi.useRealTimers(); });

  it("is the days the reports page shows, even when the preset's days moved on since it loaded", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-03T23:59:30Z"));
    const state = parseReportState("?range=7d&groupBy=day,network&escapeFormulas=false");
    const shown = reportQuery(state, new Date(), "json");
    expect([shown.from, shown.to]).toEqual(["2026-11-27", "2026-12-03"]);

    vi.setSystemTime(new Date("2026-12-04T00:00:30Z"));
    expect(reportCsvQuery(state, { from: shown.from!, to: shown.to! })).toEqual({
      from: "2026-11-27", to: "2026-12-03", tz: "UTC", groupBy: "day,network", format: "csv", escapeFormulas: "false",
    });
  });

  it("is the days the traffic page shows, in its zone, even after the zone's midnight", () => {
    vi.useFakeTimers();
    // 22:59:30 UTC is 23:59:30 in Berlin: "today" is the 3rd there until a minute later.
    vi.setSystemTime(new Date("2026-12-03T22:59:30Z"));
    const state = parseTrafficState("?range=today&tz=Europe/Berlin&groupBy=source");
    const shown = trafficQuery(state, new Date(), "json");
    expect([shown.from, shown.to]).toEqual(["2026-12-03", "2026-12-03"]);

    vi.setSystemTime(new Date("2026-12-03T23:00:30Z"));
    expect(trafficCsvQuery(state, { from: shown.from!, to: shown.to! })).toEqual({
      from: "2026-12-03", to: "2026-12-03", tz: "Europe/Berlin", groupBy: "source", format: "csv",
    });
  });
});
