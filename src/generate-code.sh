#!/usr/bin/env bash
# Regenerates the code Wolverine runs for every endpoint and message handler (src/*/Internal/Generated). The services
# load it pre-built rather than compiling it at start; run this after adding or changing an endpoint or a handler
# (a test in each service's suite fails while the committed code differs from what the service would generate).
set -euo pipefail
cd "$(dirname "$0")"
for service in Internships.Api Events.Api Subsidies.Api; do
  rm -rf "$service/Internal/Generated"
  # Generating needs no database; the connection string only has to be present.
  ConnectionStrings__platform="Host=127.0.0.1;Port=1;Database=codegen;Username=codegen" \
    dotnet run --project "$service" --no-launch-profile -- codegen write >/dev/null
  echo "$service: $(find "$service/Internal/Generated" -name '*.cs' | wc -l) files"
done
