#!/usr/bin/env bash
# Makes sure the browser tests have a Chromium to drive (TraxFunctions.Tests/Helpers/Chromium.cs looks where this
# script looks): TRAX_CHROMIUM if set; else a Chromium or Chrome already installed (a hosted pipeline image has
# Chrome); else, as root with apt-get, Debian's chromium (what .ci/run's clean machine gets); else Playwright's own
# Chromium, whose installer is in the built test project (so, there, run this after the build).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${TRAX_CHROMIUM:-}" ]; then
  echo "browser: $TRAX_CHROMIUM (TRAX_CHROMIUM)"
  exit 0
fi

for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -x "$candidate" ]; then
    echo "browser: $candidate"
    exit 0
  fi
done

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  if apt-get update && apt-get install -y chromium && [ -x /usr/bin/chromium ]; then
    exit 0
  fi
  echo "apt-get gave no /usr/bin/chromium; trying Playwright's" >&2
fi

installer=$(ls TraxFunctions.Tests/bin/*/net10.0/playwright.ps1 2>/dev/null | head -n 1 || true)
if [ -z "$installer" ] || ! command -v pwsh >/dev/null 2>&1; then
  echo "No Chromium for the browser tests: install one (Debian: apt-get install -y chromium), set TRAX_CHROMIUM to a" >&2
  echo "Chromium or Chrome binary, or build the tests and run this again with PowerShell (pwsh) installed." >&2
  exit 1
fi
pwsh "$installer" install --with-deps chromium
