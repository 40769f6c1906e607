#!/usr/bin/env bash
# Sets everything up and runs every test against a real PostgreSQL: INTERVIEW_DB if set, else a throwaway cluster.
set -euo pipefail
cd "$(dirname "$0")"
source build/postgres.sh
source build/dotnet.sh
source build/chromium.sh
source build/firefox.sh
source build/speech.sh
ensure_chromium
ensure_firefox
ensure_speech_tools
restore_locked
throwaway_cluster test "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
# A test that fails on a constraint sees the row that broke it.
export INTERVIEW_DB="$INTERVIEW_DB;Include Error Detail=true"

rm -rf TestResults
run_tests() { dotnet test Interview.sln --no-restore -nologo --results-directory TestResults "$@"; }
if [[ $# -gt 0 ]]; then
  run_tests --logger "trx;LogFileName=results.trx" "$@"
  exit
fi
# The browser tests run in a process of their own: Hangfire and OpenTelemetry keep process-wide state.
status=0
run_tests --logger "trx;LogFileName=api.trx" --filter "Category!=Browser" || status=$?
run_tests --no-build --logger "trx;LogFileName=browser.trx" --filter "Category=Browser" || status=$?
exit $status
