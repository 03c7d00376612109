#!/usr/bin/env bash
# The real-model benchmark (Benchmarks/README.md, "Real model"): starts SmolLM2 on llama.cpp's llama-server with
# Scripts/local-model.sh (installing it first if needed), then runs the whole loop and the fresh-split comparison.
#
#   Benchmarks/real-model/run.sh [demo|halueval] [extra RealModelBenchmark options...]
#
# KAIZEN_BENCH_CONFIGURATION=debug skips the release build (the model's time dominates either way).
set -euo pipefail
cd "$(dirname "$0")/../.."
source_name="${1:-demo}"
shift || true
configuration="${KAIZEN_BENCH_CONFIGURATION:-release}"

Scripts/local-model.sh install
started_here=0
if ! Scripts/local-model.sh status >/dev/null 2>&1; then
    Scripts/local-model.sh start
    started_here=1
fi
[ "$started_here" = 1 ] && trap 'Scripts/local-model.sh stop || true' EXIT
base_url="$(Scripts/local-model.sh status)"

swift build -c "$configuration" --package-path Benchmarks --product RealModelBenchmark
"$(swift build -c "$configuration" --package-path Benchmarks --show-bin-path)/RealModelBenchmark" \
    --base-url "$base_url" --model smollm2 --source "$source_name" "$@"
