#!/usr/bin/env bash
# Sets everything up and serves the API with the offline interviewer on http://127.0.0.1:${PORT:-5080}.
# PostgreSQL: INTERVIEW_DB if set, else a local cluster kept under .data/ (port ${PG_PORT:-5433}) across runs.
set -euo pipefail
cd "$(dirname "$0")"
source build/postgres.sh
source build/dotnet.sh
source build/speech.sh
ensure_speech_tools

PORT=${PORT:-5080}
if [[ -z "${INTERVIEW_DB:-}" ]]; then
  PG_PORT=${PG_PORT:-5433}
  start_cluster "$PWD/.data/pg" "$PG_PORT"
  export INTERVIEW_DB="Host=127.0.0.1;Port=$PG_PORT;Database=interview;Username=postgres"
  echo "PostgreSQL running from $PG_CLUSTER_DIR on port $PG_PORT (stop: pg_ctl -D $PG_CLUSTER_DIR/data stop)"
fi

# The published app, as production runs it (pre-generated code, Release); published again only when a source changed.
APP=$PWD/.data/app
if [[ ! -f $APP/Interview.Api.dll ]] || [[ -n $(find src seed Directory.Packages.props Directory.Build.props -newer "$APP/Interview.Api.dll" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print -quit) ]]; then
  restore_locked
  echo "Publishing the app to $APP..."
  dotnet publish src/Interview.Api -c Release -o "$APP" --no-restore -nologo -v quiet
fi
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export Interview__DataDirectory=${Interview__DataDirectory:-$PWD/.data}
# Development applies schema changes at every start; any other environment expects the deployment to apply them.
if [[ $ASPNETCORE_ENVIRONMENT != Development ]]; then
  ConnectionStrings__Interview=$INTERVIEW_DB dotnet "$APP/Interview.Api.dll" db-apply --contentRoot "$APP" >/dev/null \
    || { echo "db-apply failed: run it to see why: dotnet $APP/Interview.Api.dll db-apply" >&2; exit 1; }
fi
echo "Serving http://127.0.0.1:$PORT (Swagger UI at /swagger)"
exec dotnet "$APP/Interview.Api.dll" --contentRoot "$APP" --urls "http://127.0.0.1:$PORT"
