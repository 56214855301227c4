#!/usr/bin/env bash
# Regenerates the partner client from the Internships service's OpenAPI document, as a partner would:
# 1. the snapshot test writes the document the service serves into openapi/ (UPDATE_OPENAPI_SNAPSHOT=1);
# 2. Kiota (dotnet tool Microsoft.OpenApi.Kiota) generates the C# client from it into Generated/.
set -euo pipefail
cd "$(dirname "$0")"
UPDATE_OPENAPI_SNAPSHOT=1 dotnet test -- --filter-method '*the_committed_document_is_the_one_the_service_serves*' >/dev/null || true
command -v kiota >/dev/null || dotnet tool install -g Microsoft.OpenApi.Kiota >/dev/null
"${KIOTA:-kiota}" generate -l CSharp -d openapi/internships.v1.json -o Generated/Internships \
  -c InternshipsClient -n Partners.Internships --exclude-backward-compatible --clean-output
