# Shared by the root scripts: print each step, fail loudly, install what is missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

require_tools() {
  command -v dotnet >/dev/null || fail "The .NET 10 SDK is required (dotnet not found)."
  command -v node >/dev/null || fail "Node.js 20 or newer is required (node not found)."
  command -v npm >/dev/null || fail "npm is required."
}

# npm packages: Azurite (pinned in package.json) and the site's build tools.
ensure_node_modules() {
  if [ ! -x node_modules/.bin/azurite ] || [ ! -x node_modules/.bin/vite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "Installing npm packages (Azurite, site build tools)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

build_site() {
  step "Building the site (web/dist)"
  npm run --silent build -w web
}

# Debian's Chromium drives the browser tests; no browser download is needed.
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  step "Installing Chromium for the browser tests"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  [ -x /usr/bin/chromium ] || fail "Chromium could not be installed."
}

wait_for_port() { # host port seconds
  local deadline=$((SECONDS + $3))
  until (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
azurite_connection_string() { # blobPort tablePort
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:$1/devstoreaccount1;TableEndpoint=http://127.0.0.1:$2/devstoreaccount1;"
}

# One way to publish a self-contained linux-x64 app, used for the function app and for the
# cold-start benchmark's baseline, so the two are published exactly alike.
publish_self_contained() { # project output
  dotnet publish "$1" -c Release -r linux-x64 --self-contained true -o "$2" -v quiet -nologo \
    -p:DebugType=none -p:GenerateDocumentationFile=false -p:PublishReadyToRun=true
}
