#!/usr/bin/env bash
# Runs a benchmark against a throwaway PostgreSQL (or INTERVIEW_DB):
#   ./benchmarks/run.sh report-latency|history-paging|daemon-lag|rebuild [size]
#   ./benchmarks/run.sh speech [turns]   offline POST /tts latency for 40-word turns (miss and cache hit) and the offline
#     transcription real-time factor on 8-49 s answers spoken by flite
#   ./benchmarks/run.sh crash-soak [runs] [candidates] [kills]   (see benchmarks/crash-soak.sh)
#   ./benchmarks/run.sh cold-start [starts]   publishes the app as production runs it and starts it [starts] times (default 5);
#     COLD_START_APP=<folder> measures an app published there instead; COLD_START_IDLE_SECONDS (default 45) and
#     COLD_START_ITERATIONS (default 110 scenarios, signup to report) size the idle wait and the load after it
#   ./benchmarks/run.sh sse-latency [clients]   the published app; [clients] candidates (default 50) each hold the live stream
#     open while answering a whole interview: commit -> SSE event p50/p95/p99, and database connections while they wait;
#     SSE_QUESTIONS (default 5) and SSE_THINK_MS (default 1000, ±50%) size each interview and the pause before each answer
#   ./benchmarks/run.sh load [candidates]   the published app; [candidates] (default 50) take whole interviews at once (distinct
#     answers, long-polling for turns, finalize, report): latency percentiles, answers/s, events/s, errors, API and PostgreSQL
#     CPU, transactions per answer; LOAD_QUESTIONS (default 5) and LOAD_THINK_MS (default 300, ±50%) size each interview;
#     LOAD_WARMUP (default [candidates]; 0 for multi-node) candidates first take whole interviews untimed, so the figures are
#     those of a process whose JIT has settled (0 measures a cold process)
#   ./benchmarks/run.sh multi-node [candidates]   the same over three app processes on one database, one SIGKILLed mid-load;
#     then checks every acknowledged answer is stored once, every interview ended and every report exists
#   ./benchmarks/run.sh long-interview [turns]   per-command time early in an interview and at turn [turns] (default 40)
#   ./benchmarks/run.sh first-load [loads]   the published app; [loads] cold loads (default 9) of the dashboard in headless
#     Chromium (Playwright): compressed transfer of everything it needs and the time until it is interactive (median)
set -euo pipefail
cd "$(dirname "$0")/.."
[[ ${1:-} == crash-soak ]] && exec benchmarks/crash-soak.sh "${@:2}"
source build/postgres.sh
source build/dotnet.sh
source build/chromium.sh
source build/speech.sh
[[ ${1:-} == speech ]] && ensure_speech_tools
[[ ${1:-} == first-load ]] && ensure_chromium
restore_locked
throwaway_cluster bench
# Load runs sign up, log in and create far faster than a person: raise every abuse limit out of the way.
export Auth__TokenLifetimeMinutes=600
for limit in Signup Login Verify Refresh Evaluations Prep Interviews Answers Speech; do export "RateLimits__${limit}__PermitLimit=1000000"; done
dotnet build -c Release benchmarks/Interview.Benchmarks --no-restore -nologo -v quiet

if [[ ${1:-} == cold-start || ${1:-} == sse-latency || ${1:-} == first-load || ${1:-} == load || ${1:-} == multi-node ]]; then
  if [[ -z ${COLD_START_APP:-} ]]; then
    export COLD_START_APP=$PWD/benchmarks/results/app
    rm -rf "$COLD_START_APP"
    echo "Publishing the app to $COLD_START_APP..."
    dotnet publish src/Interview.Api -c Release -o "$COLD_START_APP" --no-restore -nologo -v quiet
  fi
else
  export Logging__LogLevel__Default=Warning
fi
dotnet run -c Release --no-build --project benchmarks/Interview.Benchmarks -- "$@"
