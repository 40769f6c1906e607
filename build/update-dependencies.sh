#!/usr/bin/env bash
# Re-resolves every project's dependencies after an edit to Directory.Packages.props and rewrites the lock files.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet restore Interview.sln --force-evaluate -nologo
git status --short -- '*packages.lock.json'
