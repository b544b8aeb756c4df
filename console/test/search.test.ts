import { describe, expect, it } from "vitest";
import { isSearch, parseSearchFilters, searchQuery, serializeSearchFilters, withDays } from "../src/lib/search";

describe("conversion search in the URL", () => {
  it("reads every filter and the page, and leaves blanks out", () => {
    expect(parseSearchFilters("?from=2026-11-19&to=2026-11-25&txid=T-1&network=AffiliateWeb&program=&type=sale&status=approved&page=abc&other=x")).toEqual({
      from: "2026-11-19", to: "2026-11-25", txid: "T-1", network: "AffiliateWeb", type: "sale", status: "approved", page: "abc",
    });
  });

  it("writes a fixed order and reads it back unchanged, a hostile value as text", () => {
    const filters = { network: "<img src=x onerror=alert(1)>", to: "2026-11-25", from: "2026-11-25" };
    const search = serializeSearchFilters(filters);

    expect(search).toBe("?from=2026-11-25&to=2026-11-25&network=%3Cimg+src%3Dx+onerror%3Dalert%281%29%3E");
    expect(parseSearchFilters(search)).toEqual(filters);
    expect(serializeSearchFilters({})).toBe("");
  });

  it("is a search once it has dates (a click id lookup has none)", () => {
    expect(isSearch(parseSearchFilters("?clickid=85512345"))).toBe(false);
    expect(isSearch(parseSearchFilters("?from=2026-11-25&to=2026-11-25"))).toBe(true);
  });

  it("fills missing dates with the last week up to today, or the week from the day given", () => {
    expect(withDays({ txid: "T-1" }, "2026-11-25")).toEqual({ txid: "T-1", from: "2026-11-19", to: "2026-11-25" });
    expect(withDays({ to: "2026-03-02" }, "2026-11-25")).toEqual({ from: "2026-02-24", to: "2026-03-02" });
    expect(withDays({ from: "2026-11-01" }, "2026-11-25")).toEqual({ from: "2026-11-01", to: "2026-11-07" });
    expect(withDays({ from: "2026-11-23" }, "2026-11-25")).toEqual({ from: "2026-11-23", to: "2026-11-25" });
  });

  it("sends the page as the API's continuation token, and the zone (UTC when the URL names none)", () => {
    expect(searchQuery({ from: "2026-11-25", to: "2026-11-25", page: "tok" }, 50, "UTC")).toEqual({ from: "2026-11-25", to: "2026-11-25", tz: "UTC", limit: 50, continuationToken: "tok" });
  });

  it("keeps the zone in the URL (pages too) and sends it: the days picked are the zone's days", () => {
    const filters = parseSearchFilters("?from=2026-11-25&to=2026-11-25&page=tok&tz=Asia%2FTokyo");
    expect(serializeSearchFilters(filters)).toBe("?from=2026-11-25&to=2026-11-25&page=tok&tz=Asia%2FTokyo");
    expect(searchQuery(filters, 50, "Asia/Tokyo")).toEqual({ from: "2026-11-25", to: "2026-11-25", tz: "Asia/Tokyo", limit: 50, continuationToken: "tok" });
  });
});
