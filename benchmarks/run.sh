#!/usr/bin/env bash
# Runs a benchmark against a throwaway PostgreSQL (or INTERVIEW_DB):
#   ./benchmarks/run.sh report-latency|history-paging|daemon-lag|rebuild [size]
set -euo pipefail
cd "$(dirname "$0")/.."
source build/postgres.sh
throwaway_cluster bench
export Logging__LogLevel__Default=Warning
dotnet run -c Release --project benchmarks/Interview.Benchmarks -- "$@"
