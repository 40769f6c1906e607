#!/usr/bin/env bash
# Lints the API's OpenAPI document with three outside validators (versions pinned in build/openapi-lint/package-lock.json):
#   @seriousme/openapi-schema-validator (the OpenAPI JSON schema), redocly lint (recommended rules), spectral lint (spectral:oas).
# Starts the app as ./run.sh does on a throwaway PostgreSQL, saves /swagger/v1/swagger.json and exits non-zero on any error.
# OPENAPI_DOCUMENT=path lints that file instead of starting the app. Needs Node.js 20+ and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
source build/postgres.sh

TOOLS=$PWD/build/openapi-lint
OUT=${OPENAPI_OUT:-$PWD/.data/openapi}
mkdir -p "$OUT"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true SCARF_ANALYTICS=false
npm ci --prefix "$TOOLS" --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null

DOCUMENT=${OPENAPI_DOCUMENT:-}
if [[ -z "$DOCUMENT" ]]; then
  throwaway_cluster openapi
  PORT=$(free_port)
  PORT=$PORT ./run.sh >"$OUT/app.log" 2>&1 &
  APP_PID=$!
  trap 'kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; stop_cluster "${PG_CLUSTER_DIR:-}"; rm -rf "${THROWAWAY_PG_DIR:-}"' EXIT
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break
    kill -0 "$APP_PID" 2>/dev/null || { tail -n 30 "$OUT/app.log" >&2; echo "the app stopped before it was ready" >&2; exit 1; }
    sleep 0.5
  done
  DOCUMENT=$OUT/swagger.json
  curl -fsS "http://127.0.0.1:$PORT/swagger/v1/swagger.json" -o "$DOCUMENT"
fi
echo "Linting $DOCUMENT"

failed=0
echo "== @seriousme/openapi-schema-validator"
"$TOOLS/node_modules/.bin/validate-api" "$DOCUMENT" | tee "$OUT/schema-validator.txt" || failed=1
grep -q '"valid": true' "$OUT/schema-validator.txt" || failed=1

echo "== redocly lint (recommended)"
"$TOOLS/node_modules/.bin/redocly" lint --extends recommended --format stylish "$DOCUMENT" 2>&1 | tee "$OUT/redocly.txt" || failed=1

echo "== spectral lint (spectral:oas)"
printf 'extends: ["spectral:oas"]\n' >"$OUT/.spectral.yaml"
"$TOOLS/node_modules/.bin/spectral" lint --ruleset "$OUT/.spectral.yaml" --fail-severity error "$DOCUMENT" 2>&1 | tee "$OUT/spectral.txt" || failed=1

if [[ $failed -ne 0 ]]; then echo "OpenAPI lint: errors found (details in $OUT)" >&2; exit 1; fi
echo "OpenAPI lint: no errors"
