#!/usr/bin/env bash
# Every benchmark, one after the other, on this machine: the platform against the PostgreSQL ceiling (commands,
# propagation, memory, app host start) and the analysts' history paths over a million events (feed, export, rebuild).
# Usage: bash bench/run.sh [seconds-per-load-run] [events]     (defaults 10 and 1,000,000; about 10 minutes in all)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
events=${2:-1000000}

dotnet build -c Release bench/PlatformBench -v quiet -nologo
dotnet build -c Release bench/HistoryBench -v quiet -nologo
dotnet build src/AppHost -v quiet -nologo   # the app host start is timed as the README runs it

dotnet run -c Release --no-build --project bench/PlatformBench -- "$seconds"
echo
echo "== History paths over $events events (feed, Parquet export, rebuild) =="
dotnet run -c Release --no-build --project bench/HistoryBench -- "$events"
