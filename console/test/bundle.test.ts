import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

// Measures the built console (npm test builds it first): the JavaScript a first visit loads, gzipped as the
// function app serves it, must stay under 200 KB. The figure is printed and written in docs/console.md.
const dist = join(import.meta.dirname, "..", "dist");
const limit = 200 * 1024;

function gzipped(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

describe("the built console", () => {
  it("exists (npm test and the function app's build run vite build first)", () => {
    expect(existsSync(join(dist, "index.html")), "console/dist is missing: run `npm run console:build`").toBe(true);
  });

  it("loads under 200 KB of JavaScript (gzip) on a first visit, whatever screen it opens", () => {
    const html = readFileSync(join(dist, "index.html"), "utf8");
    const entries = [...html.matchAll(/<script[^>]*\ssrc="\/console\/([^"]+)"/g)].map((m) => m[1]!);
    expect(entries).toHaveLength(1);
    const assets = join(dist, "assets");
    const chunks = readdirSync(assets).filter((f) => f.endsWith(".js"));
    const sizes = Object.fromEntries(chunks.map((f) => [f, gzipped(join(assets, f))]));
    const entry = gzipped(join(dist, entries[0]!));
    // An upper bound of any first load: the entry plus every screen's chunk (a visit loads the entry and one screen).
    const all = Object.values(sizes).reduce((a, b) => a + b, 0);
    console.log(`console JS gzip: entry ${(entry / 1024).toFixed(1)} KB, all chunks ${(all / 1024).toFixed(1)} KB`, sizes);

    expect(all).toBeLessThan(limit);
  });

  it("loads each screen with the entry and the chunks that screen imports: the first load of every screen, measured", () => {
    const html = readFileSync(join(dist, "index.html"), "utf8");
    const entry = [...html.matchAll(/<script[^>]*\ssrc="\/console\/assets\/([^"]+)"/g)].map((m) => m[1]!)[0]!;
    const assets = join(dist, "assets");
    const source = (file: string) => readFileSync(join(assets, file), "utf8");
    // Static imports of a chunk (from"./x.js" or import"./x.js"), followed to the end: what loading it fetches.
    const closure = (file: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(file)) return seen;
      seen.add(file);
      for (const m of source(file).matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) closure(m[1]!, seen);
      return seen;
    };
    const screens = [...source(entry).matchAll(/import\(\s*[`"']\.\/([^`"']+\.js)[`"']\s*\)/g)].map((m) => m[1]!);
    expect(screens.length).toBeGreaterThanOrEqual(8);
    const loads = Object.fromEntries(screens.map((screen) => {
      const files = closure(screen, closure(entry));
      return [screen.replace(/-[A-Za-z0-9_-]+\.js$/, ""), [...files].reduce((sum, f) => sum + gzipped(join(assets, f)), 0)];
    }));
    console.log("first load per screen (JS gzip, KB):", Object.fromEntries(Object.entries(loads).map(([k, v]) => [k, +(v / 1024).toFixed(1)])));
    for (const [screen, bytes] of Object.entries(loads)) expect(bytes, screen).toBeLessThan(limit);
  });

  it("has no inline script or style in index.html", () => {
    const html = readFileSync(join(dist, "index.html"), "utf8");
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/\son[a-z]+=/);
  });
});
