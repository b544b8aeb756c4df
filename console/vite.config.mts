import { defineConfig } from "vitest/config";

// The console is served by the function app at /console (TraxFunctions/Console), under a strict CSP: no inline
// script or style. So: no module-preload polyfill (Vite would add it to the entry), no assets inlined as data:
// URLs, and every file but index.html named by its content hash (cached for a year).
export default defineConfig({
  root: import.meta.dirname,
  base: "/console/",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
  },
  // `npm run console:dev`: the console with hot reload, its API calls sent on to `npm start`'s function app.
  server: { proxy: { "/api": "http://localhost:7071" } },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});
