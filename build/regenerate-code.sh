#!/usr/bin/env bash
# Rewrites Wolverine's pre-generated code (src/Interview.Api/Internal/Generated) after a handler or endpoint changed.
# The stale files may no longer compile against the changed code, so they go first; the app builds without them.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf src/Interview.Api/Internal/Generated
dotnet build src/Interview.Api -nologo -v quiet
(cd src/Interview.Api && dotnet run --no-build -- codegen write | grep -c "Wrote generated code file" | xargs printf "%s generated files written\n")
