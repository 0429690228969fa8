#!/usr/bin/env bash
# Starts the whole product locally: Azurite, the API and the site, with demo content.
source "$(dirname "$0")/tools/common.sh"

PORT="${EXCHANGE_PORT:-7071}"
BLOB_PORT="${AZURITE_BLOB_PORT:-10000}"
TABLE_PORT="${AZURITE_TABLE_PORT:-10002}"
COORDINATOR="${EXCHANGE_COORDINATOR:-coordinator@exchange.local}"
DATA="$ROOT/.data/azurite"

require_tools
ensure_node_modules
build_site

step "Building the function app"
dotnet build functions -c Release -v quiet -nologo

step "Starting Azurite (data in .data/azurite, kept across restarts)"
mkdir -p "$DATA"
node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry --loose \
  --location "$DATA" --blobHost 127.0.0.1 --blobPort "$BLOB_PORT" --queueHost 127.0.0.1 --queuePort "${AZURITE_QUEUE_PORT:-10001}" \
  --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" &
AZURITE_PID=$!
trap 'kill $AZURITE_PID 2>/dev/null || true' EXIT INT TERM
wait_for_port 127.0.0.1 "$BLOB_PORT" 30 && wait_for_port 127.0.0.1 "$TABLE_PORT" 30 || fail "Azurite did not start (ports $BLOB_PORT/$TABLE_PORT busy?)."

step "Starting Exchange on http://127.0.0.1:$PORT"
export Storage__ConnectionString="$(azurite_connection_string "$BLOB_PORT" "$TABLE_PORT")"
export Site__PublicBaseUrl="http://127.0.0.1:$PORT"
export Site__WebRoot="$ROOT/web/dist"
export Site__SeedDemo=true
export Accounts__CoordinatorEmails__0="$COORDINATOR"
# Locally the app runs as Development (the test clock can be switched on: see the README).
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# A quiet log: one line per entry, and the framework's per-request lines only at Debug, so the
# sign-in and invitation links stand out. Names with dots cannot be exported from bash, hence env.
export Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__SingleLine=true
env "Logging__LogLevel__Microsoft.AspNetCore=Warning" "Logging__LogLevel__Microsoft.Hosting.Lifetime=Warning" \
  dotnet functions/bin/Release/net10.0/Exchange.Functions.dll --urls "http://127.0.0.1:$PORT" --contentRoot "$ROOT/functions" &
APP_PID=$!
trap 'kill $APP_PID $AZURITE_PID 2>/dev/null || true' EXIT INT TERM
wait_for_port 127.0.0.1 "$PORT" 60 || fail "Exchange did not start (port $PORT busy?)."
# The banner comes after the demo's start-up lines, so it is the last thing on screen (at most 30 s).
for _ in $(seq 1 60); do
  node -e "fetch('http://127.0.0.1:$PORT/api/site/overview').then(r => r.json()).then(o => process.exit(o.figures.materials > 0 ? 0 : 1)).catch(() => process.exit(1))" && break
  sleep 0.5
done
sleep 1

cat <<MSG

  ┌──────────────────────────────────────────────────────────────────────────────
  │ Exchange is running.
  │ Site:     http://127.0.0.1:$PORT
  │ Sign in:  open http://127.0.0.1:$PORT/sign-in and enter $COORDINATOR;
  │           the link appears below as "Sign-in link for ..." (and in the Outbox).
  │           Invitations you send appear as "Invitation link for ...".
  │ Stop:     Ctrl+C
  └──────────────────────────────────────────────────────────────────────────────

MSG
wait $APP_PID
