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
cat <<MSG

  Site:     http://127.0.0.1:$PORT
  Sign in:  open http://127.0.0.1:$PORT/sign-in and enter $COORDINATOR
            the sign-in link is printed below ("Sign-in link for ...") and kept
            in the outbox (Outbox page, once signed in as coordinator).
  Stop:     Ctrl+C

MSG
export Storage__ConnectionString="$(azurite_connection_string "$BLOB_PORT" "$TABLE_PORT")"
export Site__PublicBaseUrl="http://127.0.0.1:$PORT"
export Site__WebRoot="$ROOT/web/dist"
export Site__SeedDemo=true
export Accounts__CoordinatorEmails__0="$COORDINATOR"
dotnet functions/bin/Release/net10.0/Exchange.Functions.dll --urls "http://127.0.0.1:$PORT" --contentRoot "$ROOT/functions"
