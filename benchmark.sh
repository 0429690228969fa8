#!/usr/bin/env bash
# Measures the performance targets against a real Azurite and the Release build, printing each
# figure as a ratio to a baseline taken in the same run. Usage: ./benchmark.sh [catalogue|materials|sandbox|reminders|coldstart|frontend]
source "$(dirname "$0")/tools/common.sh"

require_tools
ensure_node_modules
build_site
step "Building (Release)"
dotnet build Exchange.sln -c Release -v quiet -nologo
step "Running benchmarks"
# The reminders benchmark keeps about 750,000 table entities in the in-memory Azurite.
export NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=8192"
dotnet tests/Exchange.Benchmarks/bin/Release/net10.0/Exchange.Benchmarks.dll "$@"
