#!/usr/bin/env bash
# Assembles the deployable function app folder: host.json, one folder per function with its
# function.json (written by the app from its own code), and the self-contained linux-x64 executable.
source "$(dirname "$0")/tools/common.sh"

OUT="${1:-$ROOT/out/functionapp}"
require_tools

step "Publishing the function app (self-contained, linux-x64) to $OUT"
rm -rf "$OUT"
publish_self_contained functions "$OUT"

step "Writing host.json and the function.json folders"
cp host.json "$OUT/host.json"
(cd "$OUT" && ./Exchange.Functions --write-functions "$OUT")
# The Functions host lists every sub-folder with a function.json as a function; keep the rest out of it.
rm -f "$OUT"/*.pdb
ls -1 "$OUT"/*/function.json | sed "s|$OUT/||"
echo "Function app folder ready: $OUT"
