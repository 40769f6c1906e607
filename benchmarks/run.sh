#!/usr/bin/env bash
# Runs a benchmark against a throwaway PostgreSQL (or INTERVIEW_DB):
#   ./benchmarks/run.sh report-latency|history-paging|daemon-lag|rebuild [size]
#   ./benchmarks/run.sh crash-soak [runs] [candidates] [kills]   (see benchmarks/crash-soak.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
[[ ${1:-} == crash-soak ]] && exec benchmarks/crash-soak.sh "${@:2}"
source build/postgres.sh
throwaway_cluster bench
export Logging__LogLevel__Default=Warning
dotnet run -c Release --project benchmarks/Interview.Benchmarks -- "$@"
