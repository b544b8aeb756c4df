import { describe, expect, it } from "vitest";
import { clickIdOf, daysOf, formatDuration, logSearchFor, stateLine } from "../src/lib/conversions";
import { parseLogFilters } from "../src/lib/logFilters";

describe("a conversion id", () => {
  it("names its click id, decoding what the key encoding escaped", () => {
    expect(clickIdOf("85512345/ftd")).toBe("85512345");
    expect(clickIdOf("c-77/sale:T-9")).toBe("c-77");
    expect(clickIdOf("ab%2Fcd%23ef%3F%25%5C/reg")).toBe("ab/cd#ef?%\\");
  });

  it("is refused when it is not one", () => {
    for (const text of ["", "85512345", "/ftd", "85512345/", "a/b/c", "bad%zz/ftd"]) expect(clickIdOf(text), text).toBeUndefined();
  });
});

describe("the conversion page", () => {
  it("says how long a conversion took in the two largest units", () => {
    expect(formatDuration(7200)).toBe("2 h 0 min");
    expect(formatDuration(7500)).toBe("2 h 5 min");
    expect(formatDuration(90061)).toBe("1 d 1 h");
    expect(formatDuration(59)).toBe("59 s");
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(61)).toBe("1 min 1 s");
  });

  it("links a history entry to its UTC day and hour of the postback log, with its type and network", () => {
    const search = logSearchFor({ receivedAt: "2026-11-25T23:30:05+01:00", network: "Affiliate Web" }, "ftd", "UTC");
    expect(parseLogFilters(search)).toEqual({ date: "2026-11-25", hour: "22", type: "ftd", network: "Affiliate Web", live: false });
    expect(parseLogFilters(logSearchFor({ receivedAt: "2026-11-25T00:00:00Z" }, "sale", "UTC"))).toEqual({ date: "2026-11-25", hour: "0", type: "sale", live: false });
  });

  it("links a history entry to the page's zone's day and hour of the log, naming the zone", () => {
    // 2026-11-25 22:30 UTC is 2026-11-26 07:30 in Tokyo: the log at ?tz=Asia/Tokyo must be asked for that day and hour.
    const search = logSearchFor({ receivedAt: "2026-11-25T23:30:05+01:00", network: "Affiliate Web" }, "ftd", "Asia/Tokyo");
    expect(parseLogFilters(search)).toEqual({ date: "2026-11-26", hour: "7", type: "ftd", network: "Affiliate Web", tz: "Asia/Tokyo", live: false });
  });

  it("lists the UTC days it changed on, once each, in order", () => {
    expect(daysOf({ receivedAt: "2026-11-25T10:00:00Z", history: [
      { receivedAt: "2026-11-27T01:00:00+02:00" } as never, { receivedAt: "2026-11-25T11:00:00Z" } as never,
    ] })).toEqual(["2026-11-25", "2026-11-26"]);
  });

  it("writes a state as one line", () => {
    const money = (a: string, c: string | undefined) => `${c ?? ""}${a}`;
    expect(stateLine({ status: "approved", payout: "25.50", currency: "EUR" }, money)).toBe("approved, EUR25.50");
    expect(stateLine({ status: "pending" }, money)).toBe("pending, no payout");
    expect(stateLine(undefined, money)).toBe("—");
  });
});
