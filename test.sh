#!/usr/bin/env bash
# Sets everything up and runs every test against a real PostgreSQL: INTERVIEW_DB if set, else a throwaway cluster.
set -euo pipefail
cd "$(dirname "$0")"
source build/postgres.sh
source build/dotnet.sh
source build/chromium.sh
ensure_chromium
restore_locked
throwaway_cluster test "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"

rm -rf TestResults
dotnet test Interview.sln --no-restore -nologo --logger "trx;LogFileName=results.trx" --results-directory TestResults "$@"
