#!/usr/bin/env bash
# Takes docs/operators-trace.png: starts the system, registers a student with a known trace id (a flow through
# Internships, Events and Subsidies), and photographs that trace in the Aspire dashboard with headless Chromium.
# Needs Debian's chromium (apt-get install -y chromium) and Node.js (Playwright drives Chromium, as the dashboard is
# rendered by Blazor after load). Run from anywhere: bash docs/take-operators-screenshot.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { echo "install chromium first (apt-get install -y chromium)"; exit 1; }

log=$(mktemp)
dotnet run --project src/AppHost >"$log" 2>&1 &
apphost=$!
trap 'kill -TERM $apphost 2>/dev/null; wait $apphost 2>/dev/null || true' EXIT

for service in 5201 5202 5203; do
  until curl -sf "localhost:$service/health" >/dev/null; do sleep 1; done
done

trace=$(openssl rand -hex 16)
curl -sf localhost:5201/api/students -H 'X-Api-Key: dev-xmu-key' -H 'content-type: application/json' \
  -H "traceparent: 00-$trace-$(openssl rand -hex 8)-01" -d '{
  "universityId": "0196f0c4-0000-7000-8000-00000000a001", "fullName": "Daniel Smith", "nationality": "GB",
  "passportNumber": "GB9876543", "programme": "Business Chinese", "degreeLevel": "Bachelor",
  "enrolledOn": "2021-09-01", "expectedGraduation": "2025-06-30", "residencePermitExpiry": "2025-08-31"}' >/dev/null
until curl -sf "localhost:15080/api/telemetry/traces/$trace" | grep -q subsidies; do sleep 1; done

tools=$(mktemp -d)
(cd "$tools" && npm init -y >/dev/null && npm install --silent playwright-core@1.64.1 >/dev/null)
cp docs/photograph-trace.mjs "$tools/"
node "$tools/photograph-trace.mjs" http://localhost:15080 "$trace" "$PWD/docs/operators-trace.png"
rm -rf "$tools"
echo "docs/operators-trace.png: trace $trace"
