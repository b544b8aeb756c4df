import { describe, expect, it } from "vitest";
import { parseExactJson } from "../src/lib/json";

describe("parseExactJson", () => {
  it("keeps a money amount's exact text, trailing zeros and digits a double would lose", () => {
    const text = '{"conversions":2,"totals":[{"currency":"EUR","payout":35.50,"rejectedPayout":null,"byStatus":{"approved":{"conversions":2,"payout":35.50}}}],'
      + '"rows":[{"network":"A","payout":999999999999.9999,"rejected":1,"rejectedPayout":-1000000000000}]}';
    expect(parseExactJson(text)).toEqual({
      conversions: 2,
      totals: [{ currency: "EUR", payout: "35.50", rejectedPayout: null, byStatus: { approved: { conversions: 2, payout: "35.50" } } }],
      rows: [{ network: "A", payout: "999999999999.9999", rejected: 1, rejectedPayout: "-1000000000000" }],
    });
  });

  it("leaves every other number a number, and strings as they are, even one that looks like a money key", () => {
    const text = '{"count":3,"network":"x\\",\\"payout\\":5","payoutish":1.5,"list":[1,2.50],"nested":{"payout":"25.50"}}';
    expect(parseExactJson(text)).toEqual({ count: 3, network: 'x","payout":5', payoutish: 1.5, list: [1, 2.5], nested: { payout: "25.50" } });
  });

  it("reads exponents and escapes exactly as JSON.parse does", () => {
    expect(parseExactJson('{"payout":1E+2,"u":"\\u0022payout\\u0022:1"}')).toEqual({ payout: "1E+2", u: '"payout":1' });
  });

  it("throws on text that is not JSON", () => {
    expect(() => parseExactJson("{payout:1}")).toThrow(SyntaxError);
  });
});
