#!/usr/bin/env bash
# The receiver against nginx, loaded the same way by wrk.
#
#   bench/receiver/run.sh [--duration SECONDS=10] [--runs N=3] [--connections N=32] [--threads N=1]
#
# Builds hookline-cli and bench_receiver in Release (HOOKLINE_BENCH_BUILD_DIR, default
# build-bench), installs wrk and nginx from Debian's packages when they are missing, then, for each
# run, loads with wrk for --duration seconds each:
#   - `hookline-cli receive` with signature verification (x-webhook-signature) and recording on,
#     printing its NDJSON line per request to /dev/null, on a fresh database;
#   - the same with --quiet: verified and recorded, no line printed (the receiver's own work,
#     as when the GUI shows the requests instead);
#   - nginx with one worker answering `return 200`, with its own config and prefix under /tmp.
# Every request is the same 1 KB JSON POST with a valid X-Webhook-Signature (see
# bench_receiver.cpp). All listen on 127.0.0.1 only. After each receiver run the receiver is
# stopped with SIGTERM (it writes what it has queued) and its database is checked: every request
# wrk saw answered 2xx must be a row, verified. Also reports how many answered requests were still
# queued for recording when the load stopped (a lag, not a loss). Prints the rates per run, their
# medians and the median ratios to nginx. Target: receiver >= 0.6 x nginx.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${HOOKLINE_BENCH_BUILD_DIR:-$ROOT/build-bench}"
DURATION=10
RUNS=3
CONNECTIONS=32
THREADS=1
RECEIVER_PORT="${HOOKLINE_BENCH_RECEIVER_PORT:-18480}"
NGINX_PORT="${HOOKLINE_BENCH_NGINX_PORT:-18481}"

while [ $# -gt 0 ]; do
    case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

# --- tools
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} (Debian packages)..."
    sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

# --- build
BUILD_LOG="$(mktemp /tmp/hookline-bench-build.XXXXXX.log)"
echo "Building hookline-cli and bench_receiver (Release) in $BUILD..."
if ! { cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHOOKLINE_BUILD_GUI=OFF \
    -DHOOKLINE_BUILD_TESTS=OFF -DHOOKLINE_BUILD_BENCH=ON &&
    cmake --build "$BUILD" --target hookline-cli bench_receiver -j"$(nproc)"; } >"$BUILD_LOG" 2>&1; then
    tail -n 30 "$BUILD_LOG" >&2
    echo "build failed (full log: $BUILD_LOG)" >&2
    exit 1
fi
rm -f "$BUILD_LOG"
CLI="$BUILD/bin/hookline-cli"
HELPER="$BUILD/bin/bench_receiver"

WORK="$(mktemp -d /tmp/hookline-bench-receiver.XXXXXX)"
RECEIVER_PID=""
NGINX_PID=""
cleanup() {
    [ -n "$RECEIVER_PID" ] && kill "$RECEIVER_PID" 2>/dev/null && wait "$RECEIVER_PID" 2>/dev/null
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$RECEIVER_PORT" "$NGINX_PORT"; do
    port_free "$port" || { echo "port $port on 127.0.0.1 is in use; set HOOKLINE_BENCH_*_PORT" >&2; exit 1; }
done

# Keys and data stay in the work folder: nothing touches the user's Hookline data.
export XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" HOOKLINE_KEYCHAIN=off
HOOKLINE_MASTER_KEY="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
export HOOKLINE_MASTER_KEY
SECRET="whsec_$(head -c 32 /dev/urandom | base64)"
"$HELPER" lua --secret "$SECRET" --out "$WORK/post.lua"

# --- nginx: one worker, `return 200`, its own prefix
mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / { return 200 "ok"; }
    }
}
EOF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" 2>"$WORK/nginx/logs/stderr.log" &
NGINX_PID=$!

wait_for_port() {
    for _ in $(seq 1 100); do
        port_free "$1" || return 0
        sleep 0.1
    done
    echo "nothing listens on 127.0.0.1:$1" >&2
    return 1
}
wait_for_port "$NGINX_PORT"

# "N requests in ...", "Non-2xx or 3xx responses: N", "Requests/sec: X"
wrk_completed() { awk '/requests in/ {print $1; exit}' "$1"; }
wrk_non2xx() { awk '/Non-2xx or 3xx responses:/ {print $5; found=1} END {if (!found) print 0}' "$1"; }
wrk_rate() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
wrk_errors() { awk '/Socket errors:/ {gsub(",", ""); print $4+$6+$8+$10; found=1} END {if (!found) print 0}' "$1"; }

load() { # url output
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/post.lua" "$1" >"$2"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, 1 KB signed POST; $RUNS runs; $(nproc) cores"
echo "receiver: verifying and recording; 'ndjson' also prints a line per request, 'quiet' does not"
printf '%-4s %10s %10s %10s %7s %7s   %s\n' run ndjson/s quiet/s nginx/s ratio "ratio" "receiver check"
printf '%-4s %10s %10s %10s %7s %7s\n' "" "" "" "" ndjson quiet
ndjson_rates=()
quiet_rates=()
nginx_rates=()
ndjson_ratios=()
quiet_ratios=()
failed=0

# One receiver run: mode (ndjson|quiet), run number. Loads it, stops it, checks its database;
# sets $rate and appends to $checks.
receiver_run() {
    local mode="$1" run="$2" db="$WORK/receiver-$1-$2.sqlite" out="$WORK/wrk-$1-$2.txt"
    local extra=()
    [ "$mode" = quiet ] && extra=(--quiet)
    "$CLI" receive --db "$db" --port "$RECEIVER_PORT" --verify "x-webhook-signature:$SECRET" \
        "${extra[@]}" >/dev/null 2>"$WORK/receiver-$mode-$run.err" &
    RECEIVER_PID=$!
    wait_for_port "$RECEIVER_PORT"
    load "http://127.0.0.1:$RECEIVER_PORT/hooks/bench" "$out"
    # Rows already written when the load stopped: the recorder may lag behind the answers
    # (its queue is bounded), and a rate that only held because of that lag would flatter it.
    local written_at_end
    read -r written_at_end _ < <("$HELPER" count --db "$db")
    kill -TERM "$RECEIVER_PID"
    wait "$RECEIVER_PID" || {
        echo "receiver exited with $?" >&2
        cat "$WORK/receiver-$mode-$run.err" >&2
        failed=1
    }
    RECEIVER_PID=""
    # The port must be free again before the next receiver takes it, or wrk would load
    # whatever holds it.
    local freed=0
    for _ in $(seq 1 100); do
        if port_free "$RECEIVER_PORT"; then freed=1; break; fi
        sleep 0.1
    done
    if [ "$freed" -ne 1 ]; then
        echo "port $RECEIVER_PORT is still taken after the receiver stopped" >&2
        exit 1
    fi

    local completed non2xx errors ok rows verified
    completed="$(wrk_completed "$out")"
    non2xx="$(wrk_non2xx "$out")"
    errors="$(wrk_errors "$out")"
    ok=$((completed - non2xx))
    read -r rows verified < <("$HELPER" count --db "$db")
    rm -f "$db" "$db-wal" "$db-shm" # most of a gigabyte each
    # Requests still in flight when wrk's clock stopped were answered (and recorded) but not
    # counted by wrk: at most one per connection.
    if [ "$rows" -ge "$ok" ] && [ "$rows" -le $((completed + CONNECTIONS)) ] && [ "$verified" -eq "$rows" ] \
        && [ "$non2xx" -eq 0 ]; then
        local behind=$((ok - written_at_end))
        [ "$behind" -lt 0 ] && behind=0
        checks+="$mode ok ($rows rows, all verified; $(awk -v b="$behind" -v o="$ok" 'BEGIN {printf "%.1f", 100 * b / o}')% still queued at the end); "
    else
        local why="missing or unverified rows"
        [ "$non2xx" -ne 0 ] && why="answered non-2xx (503: recording fell behind)"
        checks+="$mode FAILED, $why: $ok answered 2xx ($non2xx non-2xx, $errors socket errors), $rows rows, $verified verified; "
        failed=1
    fi
    rate="$(wrk_rate "$out")"
}

for run in $(seq 1 "$RUNS"); do
    checks=""
    # Rotate which server goes first, so none always gets the warmer machine.
    order=(ndjson quiet nginx)
    case $((run % 3)) in
    2) order=(quiet nginx ndjson) ;;
    0) order=(nginx ndjson quiet) ;;
    esac
    for what in "${order[@]}"; do
        if [ "$what" = nginx ]; then
            load "http://127.0.0.1:$NGINX_PORT/hooks/bench" "$WORK/wrk-nginx-$run.txt"
            n="$(wrk_rate "$WORK/wrk-nginx-$run.txt")"
        else
            receiver_run "$what" "$run"
            if [ "$what" = ndjson ]; then r="$rate"; else q="$rate"; fi
        fi
    done
    ratio_r="$(awk -v r="$r" -v n="$n" 'BEGIN {printf "%.3f", r / n}')"
    ratio_q="$(awk -v r="$q" -v n="$n" 'BEGIN {printf "%.3f", r / n}')"
    ndjson_rates+=("$r")
    quiet_rates+=("$q")
    nginx_rates+=("$n")
    ndjson_ratios+=("$ratio_r")
    quiet_ratios+=("$ratio_q")
    printf '%-4s %10.0f %10.0f %10.0f %7s %7s   %s\n' "$run" "$r" "$q" "$n" "$ratio_r" "$ratio_q" "${checks%; }"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
printf 'median %8.0f %10.0f %10.0f %7.3f %7.3f   (target >= 0.6)\n' \
    "$(median "${ndjson_rates[@]}")" "$(median "${quiet_rates[@]}")" "$(median "${nginx_rates[@]}")" \
    "$(median "${ndjson_ratios[@]}")" "$(median "${quiet_ratios[@]}")"
if [ "$failed" -ne 0 ]; then
    echo "Some runs failed their checks (see above): a rate is only counted with every request" >&2
    echo "answered 2xx and every one of those recorded and verified." >&2
    exit 1
fi
