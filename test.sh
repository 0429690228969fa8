#!/usr/bin/env bash
# Runs every test: the site's lint, format check and unit tests (vitest), then unit, storage (real Azurite),
# host contract, publish and browser (real Chromium).
# Ends with one line: "N passed, N failed".
source "$(dirname "$0")/tools/common.sh"

require_tools
ensure_node_modules
ensure_chromium
build_site

RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"
step "Checking the site: ESLint, Prettier"
npm run --silent lint -w web || fail "ESLint found problems in the site (npm run lint -w web)."
npm run --silent format:check -w web || fail "The site is not formatted (npm run format -w web)."

step "Building the solution"
dotnet build Exchange.sln -c Release -v quiet -nologo

step "Running the tests"
set +e
# The site's pure modules (vitest), counted with the rest.
(cd web && npx vitest run --reporter=default --reporter=junit --outputFile.junit="$RESULTS/site-unit.xml")
site_status=$?
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
if [ -f "$RESULTS/site-unit.xml" ]; then
  suites=$(grep -o '<testsuites [^>]*>' "$RESULTS/site-unit.xml" | head -n 1)
  total=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$suites"); f=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$suites"); e=$(sed -n 's/.* errors="\([0-9]*\)".*/\1/p' <<<"$suites")
  passed=$((passed + ${total:-0} - ${f:-0} - ${e:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
elif [ "$site_status" -ne 0 ]; then
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
if [ "$passed" -eq 0 ]; then exit 1; fi
if [ "$site_status" -ne 0 ]; then exit "$site_status"; fi
exit $status
