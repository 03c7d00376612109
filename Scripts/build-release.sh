#!/usr/bin/env bash
# The deployment build of `kaizen`: release, the Swift runtime linked in statically, linked by lld with packed
# relative relocations and without an exported dynamic symbol table. Prints the binary's path.
#
#   Scripts/build-release.sh             # .build-release/release/kaizen
#
# Why the link flags: an idle service's resident memory is mostly the binary's own pages the loader and the first
# requests touch. A plain release build's dynamic relocations (3.6 MB) and exported symbol table (5.3 MB) are read
# at every start; packed (`-z pack-relative-relocs`, glibc 2.36 or newer) and not exported (`--no-export-dynamic`:
# nothing loads symbols from the executable) they are 0.1 MB, and each idle service holds 6-8 MB less (31-36 MB
# against 38-44 MB, Benchmarks/README "Load"). Crash backtraces still name functions: they read the full symbol
# table, which stays. A separate scratch folder keeps `swift build -c release` (other flags) from rebuilding it.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release --product kaizen --static-swift-stdlib --scratch-path .build-release
    -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic)
swift build "${flags[@]}" >&2
echo "$(swift build "${flags[@]}" --show-bin-path)/kaizen"
