import { describe, expect, it } from "vitest";
import { addDecimals, isDecimal } from "../src/lib/decimal";

describe("addDecimals", () => {
  it("adds exactly and keeps the larger number of decimals, as C#'s decimal does", () => {
    expect(addDecimals("25.50", "10")).toBe("35.50");
    expect(addDecimals("0.1", "0.2")).toBe("0.3");
    expect(addDecimals("999999999999.9999", "0.0001")).toBe("1000000000000.0000");
    expect(addDecimals("-5.00", "5")).toBe("0.00");
    expect(addDecimals("-25.5", "10.25")).toBe("-15.25");
    expect(addDecimals("0.05", "-0.10")).toBe("-0.05");
  });

  it("treats null as no amount and keeps an overflow overflowed", () => {
    expect(addDecimals(null, "1.5")).toBe("1.5");
    expect(addDecimals("1.5", null)).toBe("1.5");
    expect(addDecimals(null, null)).toBeNull();
    expect(addDecimals("overflow", "1")).toBe("overflow");
    expect(addDecimals(null, "overflow")).toBe("overflow");
  });

  it("refuses what is not an amount", () => {
    expect(() => addDecimals("1e3", "1")).toThrow(RangeError);
    expect(isDecimal("12.30")).toBe(true);
    expect(isDecimal("12.")).toBe(false);
  });
});
