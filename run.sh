#!/usr/bin/env bash
# Sets everything up and serves the API with the offline interviewer on http://127.0.0.1:${PORT:-5080}.
# PostgreSQL: INTERVIEW_DB if set, else a local cluster kept under .data/ (port ${PG_PORT:-5433}) across runs.
set -euo pipefail
cd "$(dirname "$0")"
source build/postgres.sh

PORT=${PORT:-5080}
if [[ -z "${INTERVIEW_DB:-}" ]]; then
  PG_PORT=${PG_PORT:-5433}
  start_cluster "$PWD/.data/pg" "$PG_PORT"
  export INTERVIEW_DB="Host=127.0.0.1;Port=$PG_PORT;Database=interview;Username=postgres"
  echo "PostgreSQL running from $PG_CLUSTER_DIR on port $PG_PORT (stop: pg_ctl -D $PG_CLUSTER_DIR/data stop)"
fi

dotnet build src/Interview.Api -c Release -nologo -v quiet
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export Interview__DataDirectory=${Interview__DataDirectory:-$PWD/.data}
echo "Serving http://127.0.0.1:$PORT (Swagger UI at /swagger)"
exec dotnet run --project src/Interview.Api -c Release --no-build --no-launch-profile -- --urls "http://127.0.0.1:$PORT"
