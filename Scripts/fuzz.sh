#!/usr/bin/env bash
# Fuzzes every service through its own OpenAPI document with schemathesis (issue 14): no 5xx, and every answer's
# status code, content type and body as the document says. Each service runs as its own `kaizen serve` process over
# a seeded store (Benchmarks/load/make_store.py) and a one-version registry; afterwards each must stop within
# FUZZ_STOP_SECONDS of SIGTERM, training jobs and all.
#
#   Scripts/fuzz.sh                      # the debug build's kaizen (built if missing)
#   KAIZEN_BINARY=.build/release/kaizen FUZZ_EXAMPLES=100 Scripts/fuzz.sh
#
# Environment: FUZZ_EXAMPLES (examples per operation, default 20), FUZZ_SEED (default 1, so a run repeats),
# FUZZ_PORT_BASE (default 18011: the four services take it and the next three), FUZZ_STOP_SECONDS (default 60),
# KAIZEN_FUZZ_VENV (where schemathesis is installed with pip, reused by later runs; default
# /var/cache/kaizen/schemathesis). Needs python3 with venv, curl, and PyPI the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${FUZZ_EXAMPLES:-20}
seed=${FUZZ_SEED:-1}
port_base=${FUZZ_PORT_BASE:-18011}
stop_seconds=${FUZZ_STOP_SECONDS:-60}
venv=${KAIZEN_FUZZ_VENV:-/var/cache/kaizen/schemathesis}
schemathesis_version=4.32.5
say() { echo "fuzz: $*"; }

if [[ ! -x "$venv/bin/schemathesis" ]] || ! "$venv/bin/schemathesis" --version | grep -q "$schemathesis_version"; then
    say "installing schemathesis $schemathesis_version into $venv"
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "schemathesis==$schemathesis_version"
fi
if [[ -z "${KAIZEN_BINARY:-}" ]]; then
    swift build --product kaizen >&2
    KAIZEN_BINARY="$(swift build --show-bin-path)/kaizen"
fi

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
store="$work/experiences.sqlite"
registry="$work/prompt_registry"
python3 Benchmarks/load/make_store.py 300 1 >"$work/experiences.jsonl"
"$KAIZEN_BINARY" experiences import "$work/experiences.jsonl" --database "$store" --registry "$registry" >/dev/null
printf '%s' "SYSTEM: You are the customer assistant for an outdoor gear retailer. Answer from the context." \
    >"$work/prompt.txt"
"$KAIZEN_BINARY" prompts add --text-file "$work/prompt.txt" --database "$store" --registry "$registry" >/dev/null

services=(failure-clustering patch-generator ranker rl-trainer)
failed=()
for index in "${!services[@]}"; do
    service=${services[$index]}
    port=$((port_base + index))
    "$KAIZEN_BINARY" serve "$service" --port "$port" --database "$store" --registry "$registry" \
        --log-level warning >"$work/$service.log" 2>&1 &
    pid=$!
    pids+=("$pid")
    for _ in $(seq 1 100); do
        curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
        sleep 0.1
    done
    say "$service on port $port: $examples examples per operation, seed $seed"
    started=$SECONDS
    if ! "$venv/bin/schemathesis" run "http://127.0.0.1:$port/openapi.json" \
        --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
        --phases examples,coverage,fuzzing --max-examples "$examples" --seed "$seed" --workers 1 \
        --request-timeout 60 --generation-database none --no-color >"$work/$service.fuzz" 2>&1; then
        cat "$work/$service.fuzz"
        failed+=("$service (schemathesis)")
    fi
    grep -E "^  [0-9]+ generated" "$work/$service.fuzz" | sed "s/^ */fuzz: $service: /" || true
    say "$service: $((SECONDS - started)) s"

    kill -TERM "$pid"
    stopped=no
    for _ in $(seq 1 $((stop_seconds * 10))); do
        if ! kill -0 "$pid" 2>/dev/null; then
            stopped=yes
            break
        fi
        sleep 0.1
    done
    if [[ $stopped == no ]]; then
        say "$service did not stop within $stop_seconds s of SIGTERM; its log:"
        tail -20 "$work/$service.log"
        failed+=("$service (SIGTERM)")
    fi
done

if ((${#failed[@]} > 0)); then
    say "failed: ${failed[*]}"
    exit 1
fi
say "every service passed"
