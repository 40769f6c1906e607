#!/usr/bin/env bash
# Runs a benchmark against a throwaway PostgreSQL (or INTERVIEW_DB): ./benchmarks/run.sh report-latency [interviews]
set -euo pipefail
cd "$(dirname "$0")/.."
source build/postgres.sh
if [[ -z "${INTERVIEW_DB:-}" ]]; then
  PG_PORT=$(free_port)
  BENCH_PG_DIR=$(mktemp -d /tmp/interview-bench-pg.XXXXXX)
  chmod 755 "$BENCH_PG_DIR"
  trap 'stop_cluster "$PG_CLUSTER_DIR"; rm -rf "$BENCH_PG_DIR"' EXIT
  start_cluster "$BENCH_PG_DIR" "$PG_PORT"
  export INTERVIEW_DB="Host=127.0.0.1;Port=$PG_PORT;Database=interview;Username=postgres"
fi
export Logging__LogLevel__Default=Warning
dotnet run -c Release --project benchmarks/Interview.Benchmarks -- "$@"
