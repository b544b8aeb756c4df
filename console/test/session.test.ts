import { describe, expect, it } from "vitest";
import { keyProblem } from "../src/lib/session";

describe("a function key as typed", () => {
  it("is visible ASCII, as every key the host issues", () => {
    expect(keyProblem("aBc-_=/+9.xyz==")).toBeUndefined();
  });

  it("names a character that no header could carry, or that was pasted with the key", () => {
    expect(keyProblem("abc\u2019")).toContain("U+2019 (\u2019) cannot be part of a function key");
    expect(keyProblem("ab c")).toContain("U+0020 cannot");
    expect(keyProblem("abc\u200b")).toContain("U+200B");
  });
});
