#!/usr/bin/env bash
# Compiles and lints the Azure templates in infra/ with the Bicep CLI from NuGet, offline.
# Fails on any error or warning. Usage: tools/bicep.sh [compiled-template.json]
source "$(dirname "$0")/common.sh"

BICEP_VERSION="0.49.2"
OUT="${1:-$ROOT/artifacts/infra/main.json}"
command -v dotnet >/dev/null || fail "The .NET 10 SDK is required (dotnet not found)."

packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
BICEP="${packages%/}/azure.bicep.commandline.linux-x64/$BICEP_VERSION/tools/bicep"
if [ ! -f "$BICEP" ]; then
  step "Restoring the Bicep CLI $BICEP_VERSION from NuGet"
  dotnet restore tools/bicep/BicepCli.csproj -v quiet -nologo
fi
[ -f "$BICEP" ] || fail "The Bicep CLI was not found at $BICEP after restore."
# NuGet does not keep the executable bit when it extracts a package.
[ -x "$BICEP" ] || chmod +x "$BICEP"

diagnostics="$(mktemp)"
trap 'rm -f "$diagnostics"' EXIT
status=0

step "Building infra/main.bicep -> $OUT"
mkdir -p "$(dirname "$OUT")"
"$BICEP" build infra/main.bicep --outfile "$OUT" 2>&1 | tee -a "$diagnostics" || status=1

step "Linting infra/main.bicep (rules in infra/bicepconfig.json)"
"$BICEP" lint infra/main.bicep 2>&1 | tee -a "$diagnostics" || status=1

problems=$(grep -cE ' : (Error|Warning) ' "$diagnostics" || true)
if [ "$status" -ne 0 ] || [ "$problems" -ne 0 ]; then
  fail "Bicep reported $problems error(s) or warning(s); the templates must compile and lint clean."
fi
echo "Bicep $BICEP_VERSION: infra/main.bicep compiled and linted with 0 errors and 0 warnings."
