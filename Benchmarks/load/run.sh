#!/usr/bin/env bash
# Load benchmark for the four services (issue 14, "Load"): requests per second, p50/p99 latency and resident memory.
#
#   Benchmarks/load/run.sh                 # the deployment build (Scripts/build-release.sh), 10,000 failures, 64 connections
#   KAIZEN_BINARY=.build/debug/kaizen FAILURES=2000 DURATION=5 Benchmarks/load/run.sh
#
# Needs wrk (Debian: apt-get install wrk), python3 and curl. Each service runs as its own process (`kaizen serve X`)
# on its default port (8011-8014, which must be free) over a temporary store of FAILURES seeded failed interactions
# (make_store.py) and a one-version registry. Printed: idle resident memory per service (VmRSS after startup and one
# /health), one request's latency (median of 21 sequential requests), then wrk at CONNECTIONS connections for
# DURATION seconds on the framework's floor (a bare Hummingbird application's /health, HummingbirdFloor, port 8019;
# FLOOR_BINARY names a built one), the trainer's /health (every middleware, no work), /api/v1/prompts/latest, a
# 5-candidate /api/v1/rank, the same with representatives drawn at random from the store for each request (so the
# ranker's memory of representatives mostly misses: the cost of a cluster it has not seen), and the same body on the
# bare application's /rank-without-ranking (decoded, a stored result encoded: the rank route with a rank that costs
# nothing), and at 2 connections on
# /api/v1/cluster (k = 3) over the whole store, each with the service's CPU time per request (less sensitive to
# other work on the machine than latencies); finally each service's resident memory after the load.
set -euo pipefail
cd "$(dirname "$0")/../.."
failures=${FAILURES:-10000}
duration=${DURATION:-10}
connections=${CONNECTIONS:-64}
command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }
if [[ -z "${KAIZEN_BINARY:-}" ]]; then
    KAIZEN_BINARY="$(Scripts/build-release.sh)"
fi
if [[ -z "${FLOOR_BINARY:-}" ]]; then
    floor_flags=(-c release --package-path Benchmarks --product HummingbirdFloor --static-swift-stdlib)
    swift build "${floor_flags[@]}" >&2
    FLOOR_BINARY="$(swift build "${floor_flags[@]}" --show-bin-path)/HummingbirdFloor"
fi
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

store="$work/experiences.sqlite"
registry="$work/prompt_registry"
python3 Benchmarks/load/make_store.py "$failures" 1 >"$work/experiences.jsonl"
"$KAIZEN_BINARY" experiences import "$work/experiences.jsonl" --database "$store" --registry "$registry" >/dev/null
printf '%s' "SYSTEM: You are the customer assistant for an outdoor gear retailer. Answer the customer's question about our products and stores. Keep a warm tone." >"$work/prompt.txt"
"$KAIZEN_BINARY" prompts add --text-file "$work/prompt.txt" --database "$store" --registry "$registry" >/dev/null

declare -A ports=([failure-clustering]=8011 [patch-generator]=8012 [ranker]=8013 [rl-trainer]=8014)
services=(failure-clustering patch-generator ranker rl-trainer)
declare -A service_pid
for service in "${services[@]}"; do
    "$KAIZEN_BINARY" serve "$service" --database "$store" --registry "$registry" --log-level warning \
        >"$work/$service.log" 2>&1 &
    service_pid[$service]=$!
    pids+=($!)
done
"$FLOOR_BINARY" 8019 Benchmarks/load/rank-request.json >"$work/floor.log" 2>&1 &
service_pid[floor]=$!
pids+=($!)
ports[floor]=8019
for service in "${services[@]}" floor; do
    for _ in $(seq 1 100); do
        curl -sf "http://127.0.0.1:${ports[$service]}/health" >/dev/null && break
        sleep 0.1
    done
done
rss() { awk '/VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/$1/status"; }
echo "binary: $KAIZEN_BINARY; floor: $FLOOR_BINARY"
echo "store: $failures failed interactions; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "idle resident memory:"
for service in "${services[@]}"; do echo "  $service: $(rss "${service_pid[$service]}")"; done

# A clustering, five candidates for its first cluster, and the rank body that names them.
started=$(date +%s.%N)
curl -sf -X POST http://127.0.0.1:8011/api/v1/cluster -H 'content-type: application/json' -d '{"k": 3}' \
    >"$work/clustering.json"
echo
echo "one /api/v1/cluster over the store (k = 3): $(python3 -c "print(f'{($(date +%s.%N) - $started) * 1000:.0f} ms')")"
clustering=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['clustering_id'])" "$work/clustering.json")
curl -sf -X POST http://127.0.0.1:8012/api/v1/generate-patches -H 'content-type: application/json' \
    -d "{\"prompt_id\": \"p_v1_1\", \"clustering_id\": \"$clustering\", \"cluster_id\": \"cluster_1\", \"count\": 5}" \
    >"$work/patches.json"
python3 - "$work" "$clustering" <<'PY'
import json, sys
work, clustering = sys.argv[1], sys.argv[2]
candidates = json.load(open(f"{work}/patches.json"))["candidates"]
clusters = json.load(open(f"{work}/clustering.json"))["clusters"]
cluster = next(c for c in clusters if c["cluster_id"] == "cluster_1")
inline = {key: cluster[key] for key in ("cluster_id", "label", "size", "severity", "representatives", "failure_types", "top_terms") if key in cluster}
json.dump({"prompt_id": "p_v1_1", "cluster": inline, "candidates": candidates}, open(f"{work}/rank.json", "w"))
json.dump({"k": 3}, open(f"{work}/cluster.json", "w"))
print(f"rank body: {len(candidates)} candidates, inline cluster of {len(cluster['representatives'])} representatives")
# The same body with other representatives: three failures of the store drawn at random for each of 5,000 bodies,
# so the ranker's per-representative memory (findings, stored parts) mostly misses, as for a cluster it has not
# seen.
import random
failures = [json.loads(line) for line in open(f"{work}/experiences.jsonl")]
failures = [f for f in failures if f.get("success") is False]
rng = random.Random(1)
with open(f"{work}/rank-varied.jsonl", "w") as out:
    for _ in range(5000):
        drawn = rng.sample(failures, 3)
        representatives = [{key: f[key] for key in ("id", "input", "response", "failure_type")} for f in drawn]
        out.write(json.dumps({**json.load(open(f"{work}/rank.json")), "cluster": {**inline, "representatives": representatives}}) + "\n")
PY

single() {  # median of 21 sequential requests, in ms
    local url=$1 body=${2:-}
    for _ in $(seq 1 21); do
        if [[ -n "$body" ]]; then
            curl -s -o /dev/null -w '%{time_total}\n' -X POST "$url" -H 'content-type: application/json' -d "@$body"
        else
            curl -s -o /dev/null -w '%{time_total}\n' "$url"
        fi
    done | sort -n | sed -n 11p | awk '{printf "%.2f ms", $1 * 1000}'
}
echo
echo "one request at a time (median of 21):"
echo "  GET /api/v1/prompts/latest: $(single http://127.0.0.1:8014/api/v1/prompts/latest)"
echo "  POST /api/v1/rank (5 candidates): $(single http://127.0.0.1:8013/api/v1/rank "$work/rank.json")"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # user + system time of a process, in clock ticks
load() {  # name service connections url [body]
    local name=$1 service=$2 conns=$3 url=$4 body=${5:-}
    local threads=$((conns < 2 ? 1 : 2))
    local pid=${service_pid[$service]}
    echo
    echo "wrk: $name, $conns connections, ${duration}s"
    local before output
    before=$(cpu_ticks "$pid")
    if [[ "$body" == *.jsonl ]]; then
        output=$(BODIES=$body wrk -t"$threads" -c"$conns" -d"${duration}s" --timeout 60s --latency -s Benchmarks/load/post-varied.lua "$url")
    elif [[ -n "$body" ]]; then
        output=$(BODY=$body wrk -t"$threads" -c"$conns" -d"${duration}s" --timeout 60s --latency -s Benchmarks/load/post.lua "$url")
    else
        output=$(wrk -t"$threads" -c"$conns" -d"${duration}s" --timeout 60s --latency "$url")
    fi
    echo "$output" | grep -E 'Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors' | sed 's/^/  /'
    # The service's CPU time per request: what a request costs, whatever else the machine runs.
    python3 -c "print(f'  CPU per request: {1e6 * ($(cpu_ticks "$pid") - $before) / $(getconf CLK_TCK) / $(echo "$output" | awk '/requests in/ {print $1}'):.0f} µs')"
}
load "GET /health of a bare Hummingbird application (the floor)" floor "$connections" http://127.0.0.1:8019/health
load "GET /health (trainer: every middleware, no work)" rl-trainer "$connections" http://127.0.0.1:8014/health
load "GET /api/v1/prompts/latest" rl-trainer "$connections" http://127.0.0.1:8014/api/v1/prompts/latest
load "POST /api/v1/rank (5 candidates)" ranker "$connections" http://127.0.0.1:8013/api/v1/rank "$work/rank.json"
load "POST /api/v1/rank (5 candidates, 3 representatives drawn at random from the store per request)" ranker \
    "$connections" http://127.0.0.1:8013/api/v1/rank "$work/rank-varied.jsonl"
load "POST /rank-without-ranking of the bare application (the rank body decoded, a stored result encoded)" floor \
    "$connections" http://127.0.0.1:8019/rank-without-ranking "$work/rank.json"
duration=$((duration < 30 ? 30 : duration)) load "POST /api/v1/cluster (k = 3, $failures failures)" failure-clustering 2 http://127.0.0.1:8011/api/v1/cluster "$work/cluster.json"

echo
echo "resident memory after the load:"
for service in "${services[@]}"; do echo "  $service: $(rss "${service_pid[$service]}")"; done
