#!/usr/bin/env bash
# Compiles and lints the Bicep templates with the real Bicep CLI, taken from NuGet (package
# Azure.Bicep.CommandLine.linux-x64, restored by tools/bicep/bicep.csproj): nothing is downloaded from anywhere
# else. Writes, under the git-ignored infra/bin/:
#   main.json         the ARM template that `azd up` / `az deployment sub create` deploys
#   ci.snapshot.json  the resources it would create with infra/ci.bicepparam, expressions resolved (tests read it)
# Fails on any error and on any warning (warnings are errors here, as in the C# build).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet restore tools/bicep/bicep.csproj --verbosity quiet
bicep=$(dotnet msbuild tools/bicep/bicep.csproj -getProperty:BicepPath | tr -d '\r' | tr '\\' '/')
if [ ! -f "$bicep" ]; then
  echo "bicep-build: the Bicep CLI is not at '$bicep' after restoring tools/bicep/bicep.csproj" >&2
  exit 1
fi
# NuGet does not keep the executable bit when it extracts a package.
[ -x "$bicep" ] || chmod +x "$bicep"
echo "bicep-build: $("$bicep" --version)"

out=infra/bin
mkdir -p "$out"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run() {
  echo "bicep-build: bicep $*"
  if ! "$bicep" "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "bicep-build: 'bicep $*' failed" >&2
    exit 1
  fi
  cat "$log"
  if grep -q ") : Warning " "$log"; then
    echo "bicep-build: 'bicep $*' reported warnings; fix them (or set the rule's level in bicepconfig.json, with a reason)" >&2
    exit 1
  fi
}

run lint --pattern 'infra/**/*.bicep'
run build infra/main.bicep --outfile "$out/main.json"
run snapshot infra/ci.bicepparam --mode overwrite \
  --subscription-id 00000000-0000-0000-0000-000000000001 --tenant-id 00000000-0000-0000-0000-000000000002 \
  --location westeurope --deployment-name trax-ci
mv -f infra/ci.snapshot.json "$out/ci.snapshot.json"
echo "bicep-build: wrote $out/main.json and $out/ci.snapshot.json"
