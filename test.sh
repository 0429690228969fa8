#!/usr/bin/env bash
# Runs every test: unit, storage (real Azurite), host contract, publish and browser (real Chromium).
# Ends with one line: "N passed, N failed".
source "$(dirname "$0")/tools/common.sh"

require_tools
ensure_node_modules
ensure_chromium
build_site

step "Building the solution"
dotnet build Exchange.sln -c Release -v quiet -nologo

step "Running the tests"
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"
set +e
dotnet test Exchange.sln -c Release --no-build --logger "trx" --results-directory "$RESULTS" -- RunConfiguration.TreatNoTestsAsError=true "$@"
status=$?
set -e

passed=0; failed=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
echo "$passed passed, $failed failed"
if [ "$passed" -eq 0 ]; then exit 1; fi
exit $status
