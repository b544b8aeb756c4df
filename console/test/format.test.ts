import { describe, expect, it } from "vitest";
import { formatDateTime, formatMoney, pageNote } from "../src/lib/format";

const nbsp = "\u00a0";

describe("formatMoney", () => {
  it("formats an amount in its currency and the reader's locale", () => {
    expect(formatMoney("25.50", "EUR", "en-US")).toBe("€25.50");
    expect(formatMoney("25.50", "EUR", "de-DE")).toBe(`25,50${nbsp}€`);
    expect(formatMoney("1234.5", "USD", "en-US")).toBe("$1,234.50");
  });

  it("uses each currency's own decimals, and never drops a stored decimal", () => {
    expect(formatMoney("1235", "JPY", "en-US")).toBe("¥1,235");
    expect(formatMoney("1234.5", "JPY", "en-US")).toBe("¥1,234.5");
    expect(formatMoney("10.125", "KWD", "en-US")).toBe("KWD" + nbsp + "10.125");
    expect(formatMoney("0.1234", "EUR", "en-US")).toBe("€0.1234");
  });

  it("is exact beyond a double's precision (the largest payout Trax accepts, with 4 decimals)", () => {
    expect(formatMoney("999999999999.9999", "EUR", "en-US")).toBe("€999,999,999,999.9999");
    expect(formatMoney("-1000000000000", "USD", "en-US")).toBe("-$1,000,000,000,000.00");
  });

  it("shows no payout as a dash, and anything that is not a decimal as it was stored", () => {
    expect(formatMoney(null, "EUR")).toBe("—");
    expect(formatMoney(undefined, undefined)).toBe("—");
    expect(formatMoney("overflow", "EUR")).toBe("overflow");
  });

  it("formats an amount without a currency as a plain exact number", () => {
    expect(formatMoney("1234.50", undefined, "en-US")).toBe("1,234.50");
  });

  it("shows a currency code Intl refuses next to the amount, exactly", () => {
    expect(formatMoney("25.50", "E1R", "en-US")).toBe("25.50 E1R");
  });
});

describe("formatDateTime", () => {
  it("shows an instant in the given time zone", () => {
    expect(formatDateTime("2026-11-25T23:30:05+00:00", "UTC")).toBe("2026-11-25 23:30:05");
    expect(formatDateTime("2026-11-25T23:30:05+00:00", "Europe/Berlin")).toBe("2026-11-26 00:30:05");
    expect(formatDateTime("2026-11-25T23:30:05+00:00", "America/New_York")).toBe("2026-11-25 18:30:05");
  });

  it("shows what it cannot read as it is", () => {
    expect(formatDateTime("not a date", "UTC")).toBe("not a date");
    expect(formatDateTime(undefined, "UTC")).toBe("—");
  });
});

describe("a page's count", () => {
  // The log, delivery and search APIs count the items of the page: "50 postbacks on 2026-12-03" for the first of
  // two pages would read as the day's total.
  it("says it is one page's when more follow or came before", () => {
    expect(pageNote(false, false)).toBe("");
    expect(pageNote(true, false)).toBe(", on this page; more on the next");
    expect(pageNote(true, true)).toBe(", on this later page; more on the next");
    expect(pageNote(false, true)).toBe(", on this last page");
  });
});
