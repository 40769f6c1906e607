#!/usr/bin/env bash
# Crash soak: ./benchmarks/run.sh crash-soak [runs] [candidates] [kills]
# Publishes the API (Release, pre-generated code) once, then for each run starts a throwaway PostgreSQL and lets
# Interview.CrashSoak drive candidates against the API as a child process that it SIGKILLs and restarts.
set -euo pipefail
cd "$(dirname "$0")/.."
source build/postgres.sh
source build/dotnet.sh
runs=${1:-1}
# Fifty candidates from one address sign up and answer far faster than people: raise the abuse limits out of the way.
export Auth__TokenLifetimeMinutes=600
for limit in Signup Login Verify Refresh Evaluations Prep Interviews Answers; do export "RateLimits__${limit}__PermitLimit=1000000"; done
restore_locked
app=$(mktemp -d /tmp/interview-crash-soak-app.XXXXXX)
trap 'rm -rf "$app"' EXIT
dotnet publish src/Interview.Api -c Release -o "$app" --no-restore -nologo -v quiet
dotnet build benchmarks/Interview.CrashSoak -c Release --no-restore -nologo -v quiet
failed=0
for run in $(seq 1 "$runs"); do
  (
    unset INTERVIEW_DB
    throwaway_cluster crash-soak "${CRASH_SOAK_PG_OPTIONS:-}"
    dotnet benchmarks/Interview.CrashSoak/bin/Release/net10.0/Interview.CrashSoak.dll "$app/Interview.Api.dll" "${2:-50}" "${3:-5}"
  ) || failed=$((failed + 1))
done
[[ $failed -eq 0 ]] || { echo "crash-soak: $failed of $runs runs failed" >&2; exit 1; }
