#!/usr/bin/env bash
# Runs a benchmark against a throwaway PostgreSQL (or INTERVIEW_DB):
#   ./benchmarks/run.sh report-latency|history-paging|daemon-lag|rebuild [size]
set -euo pipefail
cd "$(dirname "$0")/.."
source build/postgres.sh
throwaway_cluster bench
export Logging__LogLevel__Default=Warning
# Load runs sign up, log in and create far faster than a person: raise every abuse limit out of the way.
export Auth__TokenLifetimeMinutes=600
for limit in Signup Login Verify Refresh Evaluations Prep Interviews Answers; do export "RateLimits__${limit}__PermitLimit=1000000"; done
dotnet run -c Release --project benchmarks/Interview.Benchmarks -- "$@"
