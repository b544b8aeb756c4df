#!/usr/bin/env bash
# `npm start`: Trax on this machine. Builds the operator console (console/, Vite), starts Azurite (from
# node_modules) in the background, then `func start`; the console is at http://localhost:7071/console.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v func >/dev/null 2>&1; then
  echo "Azure Functions Core Tools v4 ('func') is not installed." >&2
  echo "See https://learn.microsoft.com/azure/azure-functions/functions-run-local, then run 'npm start' again." >&2
  exit 1
fi
# Without it `func start` goes on to build and fails far from the cause.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK ('dotnet') is not installed." >&2
  echo "See https://dotnet.microsoft.com/download, then run 'npm start' again." >&2
  exit 1
fi
if [ ! -d node_modules/azurite ] || [ ! -d node_modules/vite ]; then
  npm ci --no-audit --no-fund
fi
npm run --silent console:build
if [ ! -f TraxFunctions/local.settings.json ]; then
  cp local.settings.sample.json TraxFunctions/local.settings.json
  echo "Created TraxFunctions/local.settings.json from local.settings.sample.json"
fi

mkdir -p .azurite
node node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --disableTelemetry \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --location .azurite &
azurite_pid=$!
trap 'kill "$azurite_pid" 2>/dev/null || true' EXIT

cd TraxFunctions
func start
