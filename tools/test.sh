#!/usr/bin/env bash
# `npm test`: every test of Trax, as CI runs them. Builds the console (console/, Vite), runs its unit tests (Vitest,
# JUnit report in console/TestResults/) and then the C# suite (dotnet test: unit, integration on Azurite, and the
# browser tests in Chromium, TRX report in TraxFunctions.Tests/TestResults/). Both always run; it fails if either did.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules/vite ] || [ ! -d node_modules/azurite ]; then
  npm ci --no-audit --no-fund || exit 1
fi

echo "== console: build (tsc + vite)"
npm run --silent console:build || exit 1

echo "== console: unit tests (vitest)"
rm -rf console/TestResults
npx vitest run --config console/vite.config.mts --reporter=default --reporter=junit \
  --outputFile.junit="$PWD/console/TestResults/vitest-junit.xml"
console_status=$?

echo "== C#: dotnet test Trax.slnx (unit, integration on Azurite, browser)"
dotnet test Trax.slnx "$@"
dotnet_status=$?

[ "$console_status" -eq 0 ] && [ "$dotnet_status" -eq 0 ]
