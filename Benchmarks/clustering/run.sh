#!/usr/bin/env bash
# Clustering benchmark: Swift (FailureClustering) against scikit-learn, side by side, on the same corpora and k.
#
#   Benchmarks/clustering/run.sh [SEEDS...]        default seeds: 1 2 3 4 5
#
# Environment:
#   CORPORA      which corpora to run (default "banking77 synthetic-100k synthetic-1m")
#   BENCHMARK_BINARY  a prebuilt ClusteringBenchmark (default: build it with `swift build -c release --package-path Benchmarks`)
#   WORK_DIR     where generated corpora go (default: a fresh temporary directory, removed at exit)
#   PYTHON       the interpreter for the venv (default python3)
#
# Installs scikit-learn into Benchmarks/.venv (ignored by git), generates corpora into a temporary directory
# (never committed), runs each tool once per seed in its own process, and prints medians and ratios.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/Benchmarks/clustering"
DATA="$ROOT/../shared/data"
SEEDS=("${@:-1 2 3 4 5}")
read -r -a SEEDS <<< "${SEEDS[*]}"
CORPORA="${CORPORA:-banking77 synthetic-100k synthetic-1m}"

source "$HERE/common.sh"
RESULTS="$WORK_DIR/results.jsonl"
: > "$RESULTS"

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores; scikit-learn $("$PY" -c 'import sklearn; print(sklearn.__version__)'); $(swift --version 2>/dev/null | head -1)"
for corpus in $CORPORA; do
    case "$corpus" in
        banking77)
            [[ -f "$DATA/banking77_train.csv" ]] || { echo "skipping banking77: $DATA absent"; continue; }
            file="$WORK_DIR/banking77.tsv"; k=77
            "$PY" "$HERE/generate_corpus.py" banking77 "$DATA" "$file" ;;
        synthetic-100k)
            file="$WORK_DIR/synthetic-100k.tsv"; k=20
            "$PY" "$HERE/generate_corpus.py" synthetic 100000 1 "$file" ;;
        synthetic-1m)
            file="$WORK_DIR/synthetic-1m.tsv"; k=20
            "$PY" "$HERE/generate_corpus.py" synthetic 1000000 1 "$file" ;;
        *) echo "unknown corpus $corpus" >&2; exit 2 ;;
    esac
    for seed in "${SEEDS[@]}"; do
        # Alternate which tool goes first, so neither always gets the warmer page cache or the quieter moment.
        if (( seed % 2 )); then order="swift sklearn"; else order="sklearn swift"; fi
        for tool in $order; do
            if [[ $tool == swift ]]; then
                line="$("$SWIFT_BENCH" "$file" "$k" "$seed")"
            else
                line="$("$PY" "$HERE/sklearn_bench.py" "$file" "$k" "$seed")"
            fi
            echo "$line" | "$PY" -c "import json,sys; d=json.load(sys.stdin); d['corpus_name']='$corpus'; print(json.dumps(d))" >> "$RESULTS"
            echo "$line" | "$PY" -c "import json,sys; d=json.load(sys.stdin); print(f\"  $corpus seed $seed {d['tool']:7} total {d['total_s']:7.3f}s peak {d['peak_mb']:7.1f} MB ARI {d['ari']:.4f} NMI {d['nmi']:.4f}\")"
        done
    done
    rm -f "$file"
done
"$PY" "$HERE/summarize.py" "$RESULTS"
