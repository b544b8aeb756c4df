import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const src = join(import.meta.dirname, "..", "src");

/** A source file without its comments (which may name what the code must not do). */
function code(path: string): string {
  return readFileSync(path, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe("the console's sources", () => {
  // Values from postbacks and clicks are attacker-controlled: they reach the page as text nodes only.
  it.each([
    "dangerouslySetInnerHTML", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
    "setAttribute(\"style\"", "localStorage.", "document.cookie",
  ])("never use %s", (pattern) => {
    const offenders = files(src).filter((f) => code(f).includes(pattern));
    expect(offenders).toEqual([]);
  });

  it("use no inline style attribute (the CSP has no 'unsafe-inline')", () => {
    const offenders = files(src).filter((f) => f.endsWith(".tsx") && /\sstyle=/.test(code(f)));
    expect(offenders).toEqual([]);
  });
});
