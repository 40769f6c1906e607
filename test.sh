#!/usr/bin/env bash
# Sets everything up and runs every test against a real PostgreSQL: INTERVIEW_DB if set, else a throwaway cluster.
set -euo pipefail
cd "$(dirname "$0")"
source build/postgres.sh

if [[ -z "${INTERVIEW_DB:-}" ]]; then
  PG_PORT=$(free_port)
  TEST_PG_DIR=$(mktemp -d /tmp/interview-test-pg.XXXXXX)
  chmod 755 "$TEST_PG_DIR"
  trap 'stop_cluster "$PG_CLUSTER_DIR"; rm -rf "$TEST_PG_DIR"' EXIT
  start_cluster "$TEST_PG_DIR" "$PG_PORT" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
  export INTERVIEW_DB="Host=127.0.0.1;Port=$PG_PORT;Database=interview;Username=postgres"
fi

rm -rf TestResults
dotnet test Interview.sln -nologo --logger "trx;LogFileName=results.trx" --results-directory TestResults "$@"
