#!/usr/bin/env bash
# Regenerates the API contract the site is typed against: web/src/api/openapi.json, written by the
# app from its own endpoints (nothing is served and storage is never reached), and from it
# web/src/api/schema.d.ts (openapi-typescript). Run it after changing an endpoint or a DTO;
# the tests fail while the committed document differs from what the API serves.
source "$(dirname "$0")/common.sh"

require_tools
ensure_node_modules
step "Building the function app"
dotnet build functions -c Release -v quiet -nologo
step "Writing web/src/api/openapi.json"
# A connection string is required to build the app; it is never used, since the app does not start.
dotnet functions/bin/Release/net10.0/Exchange.Functions.dll --write-openapi web/src/api/openapi.json \
  --Storage:ConnectionString=UseDevelopmentStorage=true --Logging:LogLevel:Default=Warning
step "Generating web/src/api/schema.d.ts"
npm run --silent api-types -w web
