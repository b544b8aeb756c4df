import { describe, expect, it } from "vitest";
import { deliveryQuery, parseDeliveryFilters, nextDeliveryPageOf, serializeDeliveryFilters } from "../src/lib/deliveries";
import { logQuery, logSearchAt, nextPageOf, parseLogFilters, serializeLogFilters } from "../src/lib/logFilters";

describe("postback log filters in the URL", () => {
  it("reads every filter, the page and auto-refresh", () => {
    expect(parseLogFilters("?date=2026-11-25&hour=9&type=ftd&outcome=rejected&reason=unreplaced-macro&network=AffiliateWeb&live=1&page=abc")).toEqual({
      date: "2026-11-25", hour: "9", type: "ftd", outcome: "rejected", reason: "unreplaced-macro", network: "AffiliateWeb", live: true, page: "abc",
    });
  });

  it("reads no query as today's first page, not refreshing", () => {
    expect(parseLogFilters("")).toEqual({ live: false });
    expect(parseLogFilters("?date=&network=%20%20&live=0&other=x")).toEqual({ live: false });
  });

  it("writes filters in a fixed order without empty values, and reads them back unchanged", () => {
    const filters = { network: "Affiliate Web & Co", outcome: "rejected", live: true, date: "2026-11-25", reason: "" };
    const search = serializeLogFilters(filters);

    expect(search).toBe("?date=2026-11-25&outcome=rejected&network=Affiliate+Web+%26+Co&live=1");
    expect(parseLogFilters(search)).toEqual({ date: "2026-11-25", outcome: "rejected", network: "Affiliate Web & Co", live: true });
  });

  it("keeps a hostile value as text through the round trip", () => {
    const network = "<img src=x onerror=alert(1)>";
    expect(parseLogFilters(serializeLogFilters({ network, live: false })).network).toBe(network);
  });

  it("writes nothing for today's unfiltered first page", () => {
    expect(serializeLogFilters({ live: false })).toBe("");
  });

  it("asks the API for today when no day is chosen, and passes the page's token", () => {
    expect(logQuery({ live: false, page: "tok" }, "2026-11-25", 50)).toMatchObject({ date: "2026-11-25", limit: 50, continuationToken: "tok" });
    expect(logQuery({ date: "2026-11-20", live: false }, "2026-11-25", 50)).toMatchObject({ date: "2026-11-20", tz: "UTC" });
  });
});

describe("the postback log in a zone", () => {
  // The page shows times in its ?tz= zone; the day and hour it asks for must be that zone's too, or a reader in
  // Tokyo who picks 2026-12-03 gets UTC's 2026-12-03 (half of it Tokyo's 4th).
  it("asks the API for the page's zone's day and hour", () => {
    const filters = parseLogFilters("?date=2026-12-03&hour=8&tz=Asia%2FTokyo");
    expect(logQuery(filters, "2026-12-03", 50)).toMatchObject({ date: "2026-12-03", hour: "8", tz: "Asia/Tokyo" });
  });

  it("asks for UTC's when the page names no zone", () => {
    expect(logQuery(parseLogFilters("?date=2026-12-03"), "2026-12-03", 50)).toMatchObject({ tz: "UTC" });
  });

  it("keeps the zone on the next page, whose token belongs to that zone's day", () => {
    const next = nextPageOf(parseLogFilters("?outcome=rejected&tz=Asia%2FTokyo"), { date: "2026-12-04", continuationToken: "tok" });
    expect(logQuery(next, "2026-12-04", 50)).toMatchObject({ date: "2026-12-04", tz: "Asia/Tokyo", continuationToken: "tok" });
  });

  it("links an instant to its day of the log in the zone given, naming the zone", () => {
    // 2026-12-03 20:30 UTC is 2026-12-04 05:30 in Tokyo.
    expect(parseLogFilters(logSearchAt("2026-12-03T20:30:00Z", "Asia/Tokyo", { outcome: "rejected" })))
      .toEqual({ date: "2026-12-04", outcome: "rejected", tz: "Asia/Tokyo", live: false });
    expect(parseLogFilters(logSearchAt("2026-12-03T20:30:00Z", "UTC", { outcome: "rejected" })))
      .toEqual({ date: "2026-12-03", outcome: "rejected", live: false });
    expect(parseLogFilters(logSearchAt("2026-12-04T05:30:00+09:00", "UTC", {})).date).toBe("2026-12-03");
  });

  it("links an instant with its hour to that zone's clock hour", () => {
    expect(parseLogFilters(logSearchAt("2026-12-03T20:30:00Z", "Asia/Tokyo", { type: "ftd" }, true)))
      .toEqual({ date: "2026-12-04", hour: "5", type: "ftd", tz: "Asia/Tokyo", live: false });
    expect(parseLogFilters(logSearchAt("2026-12-03T00:10:00Z", "UTC", {}, true))).toEqual({ date: "2026-12-03", hour: "0", live: false });
  });

  it("links a time it cannot read to the filters alone", () => {
    expect(parseLogFilters(logSearchAt("not a time", "Asia/Tokyo", { type: "sale" }))).toEqual({ type: "sale", tz: "Asia/Tokyo", live: false });
  });
});

describe("the next page of a log shown for today", () => {
  // A page of "today" (no date in the URL) read at 23:59 UTC: its Next page, followed after midnight, must read
  // the same day with its token, not the new today (where the token is refused or reads another day).
  it("keeps the postback log's day the page showed", () => {
    const filters = parseLogFilters("?outcome=rejected");
    const next = nextPageOf(filters, { date: "2026-12-03", continuationToken: "tok" });
    expect(serializeLogFilters(next)).toBe("?date=2026-12-03&outcome=rejected&page=tok");
    expect(logQuery(next, "2026-12-04", 50)).toMatchObject({ date: "2026-12-03", continuationToken: "tok" });
  });

  it("keeps the delivery log's day the page showed", () => {
    const next = nextDeliveryPageOf(parseDeliveryFilters("?id=ads&outcome=failed"), { date: "2026-12-03", continuationToken: "tok" });
    expect(serializeDeliveryFilters(next)).toBe("?id=ads&date=2026-12-03&outcome=failed&page=tok");
  });

  it("asks the delivery log for the page's zone's day, UTC when the page names none", () => {
    expect(deliveryQuery(parseDeliveryFilters("?id=ads"), "2026-12-04", 50)).toEqual({
      date: "2026-12-04", tz: "UTC", outcome: undefined, limit: 50, continuationToken: undefined,
    });
    expect(deliveryQuery(parseDeliveryFilters("?id=ads&date=2026-11-19&tz=America/St_Johns&outcome=failed"), "2026-12-04", 50))
      .toMatchObject({ date: "2026-11-19", tz: "America/St_Johns", outcome: "failed" });
  });

  it("keeps the delivery log's zone on the next page (its token belongs to that zone's day)", () => {
    const next = nextDeliveryPageOf(parseDeliveryFilters("?id=ads&tz=America/St_Johns"), { date: "2026-11-19", continuationToken: "tok" });
    expect(serializeDeliveryFilters(next)).toBe("?id=ads&date=2026-11-19&page=tok&tz=America%2FSt_Johns");
    expect(deliveryQuery(next, "2026-12-04", 50)).toMatchObject({ date: "2026-11-19", tz: "America/St_Johns", continuationToken: "tok" });
  });
});
