#!/usr/bin/env bash
# Extra evidence for the clustering benchmark's quality figures (not a replacement for run.sh's 5-seed medians):
# many seeds of both tools on one corpus. The two tools share NumPy's random stream, so each seed starts both from
# the same k-means++ rows; the summary gives the paired differences and how 5-seed medians spread over seeds.
#
#   Benchmarks/clustering/seed_study.sh CORPUS FIRST_SEED LAST_SEED     CORPUS: synthetic-100k | synthetic-1m
#
# Environment: BENCHMARK_BINARY, WORK_DIR, PYTHON as in run.sh. Per seed it runs, one after the other:
#   sklearn_bench.py CORPUS K SEED       (scikit-learn; prints the rows its k-means++ picked)
#   ClusteringBenchmark CORPUS K SEED    (Swift; prints its own k-means++ rows)
# then prints the distributions (seed_study.py). Timings are recorded but are not the point here.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/Benchmarks/clustering"
CORPUS="${1:?corpus}"
FIRST="${2:?first seed}"
LAST="${3:?last seed}"

source "$HERE/common.sh"
case "$CORPUS" in
    synthetic-100k) size=100000 ;;
    synthetic-1m) size=1000000 ;;
    *) echo "unknown corpus $CORPUS" >&2; exit 2 ;;
esac
file="$WORK_DIR/$CORPUS.tsv"; k=20
[[ -f "$file" ]] || "$PY" "$HERE/generate_corpus.py" synthetic "$size" 1 "$file"
RESULTS="$WORK_DIR/seed-study-$CORPUS.jsonl"
: > "$RESULTS"
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $CORPUS seeds $FIRST-$LAST; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for seed in $(seq "$FIRST" "$LAST"); do
    "$PY" "$HERE/sklearn_bench.py" "$file" "$k" "$seed" >> "$RESULTS"
    "$SWIFT_BENCH" "$file" "$k" "$seed" >> "$RESULTS"
done
echo "# done $(date -u +%Y-%m-%dT%H:%M:%SZ); load average $(cut -d' ' -f1-3 /proc/loadavg); results in $RESULTS"
"$PY" "$HERE/seed_study.py" "$RESULTS"
