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

  it("has no inline script or style in index.html", () => {
    const html = readFileSync(join(dist, "index.html"), "utf8");
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/\son[a-z]+=/);
  });
});
