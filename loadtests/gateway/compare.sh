#!/usr/bin/env bash
# Two gateway configurations side by side, for changes whose effect is smaller than the drift between two runs of
# loadtests/gateway/run.sh (docs/performance.md, "Gateway"). Both gateways run at once on the same CPU, in front of one
# content-service, are warmed together and then measured in alternating windows at the same offered rate (random
# arrivals, loadtests/gateway/throttle.lua), so a slow spell of the machine hits both alike. Prints, per window, the
# rate, p50/p90/p99/p99.9 and the gateway's CPU per request, then the median p99 of each.
# Usage: loadtests/gateway/compare.sh [rate=700] [pairs=8] [window=15s]
#   A_OPTS / B_OPTS: JVM options of gateway A / B (e.g. B_OPTS="-Xmn2g -Xmx3g"); A_ARGS / B_ARGS: extra Spring
#   arguments (e.g. B_ARGS="--logging.level.dev.lectern.gateway.requests=OFF"); A_JAR / B_JAR: the gateway jar of each
#   (default: the one built in gateway-service/target), to compare two builds. WARMUP (s, default 240) is spent on
#   each gateway in turn after 60 s on both; LAYOUT as in run.sh (dedicated: content-service on CPU 0, gateways and
#   wrk on CPU 1).
# Needs what run.sh needs (wrk, PostgreSQL, Redis, a JDK 25 (the chart gives the gateway an option only JDK 25 knows), the two jars).
set -euo pipefail
# Jars named relative to where the script was called from, before it moves to the repository root.
for jar in "${A_JAR:-}" "${B_JAR:-}"; do
  if [ -n "$jar" ] && [ ! -f "$jar" ]; then echo "no gateway jar at $jar" >&2; exit 2; fi
done
A_JAR=${A_JAR:+$(realpath "$A_JAR")}
B_JAR=${B_JAR:+$(realpath "$B_JAR")}
cd "$(dirname "$0")/../.."
RATE=${1:-700}
PAIRS=${2:-8}
WINDOW=${3:-15s}
LAYOUT=${LAYOUT:-$([ "$(nproc)" -ge 2 ] && echo dedicated || echo shared)}
WARMUP=${WARMUP:-240}
WORK=$(mktemp -d /tmp/gw-compare.XXXX)
# shellcheck source=loadtests/gateway/lib.sh
. loadtests/gateway/lib.sh
A_PORT=${A_PORT:-19623}
B_PORT=${B_PORT:-19633}
CONTENT_PORT=${CONTENT_PORT:-19624}
case $LAYOUT in
  dedicated) BACKEND=(taskset -c 0); FRONT=(taskset -c 1); GC=-XX:+UseSerialGC ;;
  shared) BACKEND=(); FRONT=(); GC=-XX:+UseParallelGC ;;
  *) echo "LAYOUT must be dedicated or shared, not '$LAYOUT'" >&2; exit 2 ;;
esac
read -r -a A_JVM <<< "${A_OPTS:-}"
read -r -a B_JVM <<< "${B_OPTS:-}"
read -r -a A_EXTRA <<< "${A_ARGS:-}"
read -r -a B_EXTRA <<< "${B_ARGS:-}"
BENCH_DB=lectern_gateway_compare
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  "${PSQL[@]}" -c "drop database if exists $BENCH_DB" >/dev/null 2>&1 || true
}
trap cleanup EXIT

"${PSQL[@]}" -c "set client_min_messages = warning" -c "drop database if exists $BENCH_DB" -c "create database $BENCH_DB"
# Gateway A's dev issuer signs the one token; gateway B and content-service trust A's keys, so the same header works
# on both paths.
ISSUER="http://127.0.0.1:$A_PORT/auth/dev"
JWKS="http://127.0.0.1:$A_PORT/auth/jwks"
start_gateway() { # name port jar jvm-options... -- spring-args...
  local name=$1 port=$2 jar=$3; shift 3
  local jvm=() arg
  while [ $# -gt 0 ] && [ "$1" != -- ]; do jvm+=("$1"); shift; done
  shift
  # The layout's collector unless the options name one (two collector flags stop the JVM at start).
  local base=(-Xms512m -Xmx512m "$GC")
  case " ${jvm[*]} " in *" -XX:+Use"*GC" "*) base=(-Xms512m -Xmx512m) ;; esac
  "${FRONT[@]}" "$JAVA" "${base[@]}" -Xlog:gc:file="$WORK/$name-gc.log" "${jvm[@]}" -jar "$jar" \
    --spring.profiles.active=dev --server.port="$port" \
    --lectern.security.jwt.issuer="$ISSUER" --lectern.security.jwt.jwk-set-uri="$JWKS" \
    --LECTERN_CONTENT_URI="http://127.0.0.1:$CONTENT_PORT" \
    --lectern.gateway.rate-limit.reads.replenish-rate=1000000 \
    --lectern.gateway.rate-limit.reads.burst-capacity=2000000 "$@" \
    > "$WORK/$name.log" 2>&1 &
  PIDS+=("$!")
  echo "$!" > "$WORK/$name.pid"
  for arg in "$jar" "${base[@]}" "${jvm[@]}" "$@"; do printf '%s ' "$arg"; done > "$WORK/$name.options"
}
# Later JVM options win, so A_OPTS/B_OPTS may override the heap given above.
start_gateway a "$A_PORT" "${A_JAR:-$GATEWAY_JAR}" "${A_JVM[@]}" -- "${A_EXTRA[@]}"
wait_for "http://127.0.0.1:$A_PORT/actuator/health/liveness"
start_gateway b "$B_PORT" "${B_JAR:-$GATEWAY_JAR}" "${B_JVM[@]}" -- "${B_EXTRA[@]}"
"${BACKEND[@]}" "$JAVA" -Xms512m -Xmx512m "$GC" -jar "$CONTENT_JAR" --server.port="$CONTENT_PORT" \
  --lectern.security.jwt.issuer="$ISSUER" --lectern.security.jwt.jwk-set-uri="$JWKS" \
  --lectern.storage.root="$WORK/storage" --POSTGRES_DB="$BENCH_DB" > "$WORK/content.log" 2>&1 &
PIDS+=("$!")
wait_for "http://127.0.0.1:$B_PORT/actuator/health/liveness"
wait_for "http://127.0.0.1:$CONTENT_PORT/actuator/health/readiness"
echo "== gateway A on $A_PORT: $(cat "$WORK/a.options")"
echo "== gateway B on $B_PORT: $(cat "$WORK/b.options")"

TOKEN=$(dev_token "$A_PORT" "compare-$$")
AUTH="Authorization: Bearer $TOKEN"
DOC=$(bench_document "$CONTENT_PORT" "$AUTH")
PATH_UNDER_TEST="/api/content/documents/$DOC"
for port in "$A_PORT" "$B_PORT"; do curl -fsS -o /dev/null -H "$AUTH" "http://127.0.0.1:$port$PATH_UNDER_TEST"; done

warm() { "${FRONT[@]}" wrk -t2 -c64 -d"$2s" -H "$AUTH" "http://127.0.0.1:$1$PATH_UNDER_TEST" > /dev/null; }
echo "== warm-up: 60 s on both at once, then ${WARMUP} s on each in turn"
warm "$A_PORT" 60 & both=$!
warm "$B_PORT" 60; wait "$both"
warm "$A_PORT" "$WARMUP"
warm "$B_PORT" "$WARMUP"

DELAY=$(awk -v r="$RATE" 'BEGIN { d = 32 * 1000 / r; printf "%d", (d < 1) ? 1 : d }')
window() { # name port
  local name=$1 port=$2 pid t0 t1 gc0
  pid=$(cat "$WORK/$name.pid")
  t0=$(ticks "$pid"); gc0=$(wc -l < "$WORK/$name-gc.log")
  DELAY_MS=$DELAY "${FRONT[@]}" wrk -t2 -c32 -d"$WINDOW" --latency -H "$AUTH" -s loadtests/gateway/throttle.lua \
    "http://127.0.0.1:$port$PATH_UNDER_TEST" > "$WORK/$name-window.txt"
  t1=$(ticks "$pid")
  # Young collections in the window and their pauses (the GC log's lines end in the pause, "… 4.567ms").
  local gc
  gc=$(tail -n +"$((gc0 + 1))" "$WORK/$name-gc.log" | awk '/Pause/ { n++; sub(/ms$/, "", $NF); t += $NF }
    END { printf "gc %d pauses %.0f ms", n, t }')
  awk -v name="$name" -v hz="$(getconf CLK_TCK)" -v t=$((t1 - t0)) -v gc="$gc" '
    /requests in/ { n = $1 } /Requests\/sec/ { rps = $2 } /Non-2xx|Socket errors/ { errors = errors " " $0 }
    /^percentiles:/ { sub(/^percentiles: /, ""); pct = $0 }
    END { if (n <= 0) { printf "%s  no requests answered%s\n", name, errors; exit }
      printf "%s  %8s req/s  cpu %.2f ms/req  %s  %s%s\n", name, rps, t * 1000 / hz / n, gc, pct, errors }' \
    "$WORK/$name-window.txt" | tee -a "$WORK/windows.txt"
  sed -nE 's/.* p99 ([0-9.]+)ms .*/\1/p' "$WORK/$name-window.txt" >> "$WORK/$name.p99"
}
echo "== $PAIRS pairs of $WINDOW windows at $RATE req/s offered (32 connections, random pauses of $DELAY ms on average)"
for pair in $(seq 1 "$PAIRS"); do
  # Alternate which goes first, so neither always follows the other's window.
  if [ $((pair % 2)) -eq 1 ]; then window a "$A_PORT"; window b "$B_PORT"; else window b "$B_PORT"; window a "$A_PORT"; fi
done
printf "median p99: A %s ms   B %s ms   (B lower in %s of %s pairs)\n" "$(median a.p99)" "$(median b.p99)" \
  "$(paste "$WORK/a.p99" "$WORK/b.p99" | awk '$2 < $1 { n++ } END { print n + 0 }')" "$PAIRS"
echo "raw wrk outputs and logs: $WORK"
