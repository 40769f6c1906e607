#!/usr/bin/env bash
# Shared by run.sh, test.sh and the benchmarks: a restore that cannot drift. Every project has a committed
# packages.lock.json; a locked restore fails, naming the package, when the registry cannot serve exactly that graph.
# To change a dependency: edit Directory.Packages.props, then ./build/update-dependencies.sh and commit the lock files.

restore_locked() {
  mkdir -p build/packages
  dotnet restore Interview.sln --locked-mode -nologo -v quiet
}
