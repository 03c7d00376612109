# Shared setup for the clustering benchmark scripts (sourced, not run): the scikit-learn virtual environment, the
# release-mode Swift benchmark binary, and a work folder. Expects ROOT to be the repository root.
VENV="$ROOT/Benchmarks/.venv"
if [[ ! -x "$VENV/bin/python" ]]; then
    "${PYTHON:-python3}" -m venv "$VENV"
fi
"$VENV/bin/python" -c "import sklearn" 2>/dev/null || "$VENV/bin/pip" install --quiet scikit-learn
PY="$VENV/bin/python"

if [[ -n "${BENCHMARK_BINARY:-}" ]]; then
    SWIFT_BENCH="$BENCHMARK_BINARY"
else
    (cd "$ROOT" && swift build -c release --package-path Benchmarks --product ClusteringBenchmark)
    SWIFT_BENCH="$(cd "$ROOT" && swift build -c release --package-path Benchmarks --show-bin-path)/ClusteringBenchmark"
fi

if [[ -n "${WORK_DIR:-}" ]]; then
    mkdir -p "$WORK_DIR"
else
    WORK_DIR="$(mktemp -d)"
    trap 'rm -rf "$WORK_DIR"' EXIT
fi
