#!/usr/bin/env bash
# Gateway benchmark. In one run, the same wrk settings against the same backend endpoint three ways:
#   direct (client → service), nginx (plain reverse proxy), gateway (JWT + Redis rate limit + breaker + retry + log).
# Two backends, reported separately:
#   service — content-service answering GET /api/content/documents/{id} (the real service the gateway fronts:
#             its own JWT check, owner scoping, two-level cache, JSON). The goal is judged here.
#   static  — nginx answering a fixed JSON document (no work at all), so the gateway's whole cost shows.
# Then the gateway and the service directly at about half of the gateway's saturation rate, for p99 (ROUNDS windows each,
# in turn; the median window is reported).
# Usage: loadtests/gateway/run.sh [duration=15s] [connections=64]   (ROUNDS=3: the three are measured in turn, ROUNDS
# times, and the ratios use each one's median, so drift on a shared machine hits all three alike)
# LAYOUT=dedicated (default on 2+ CPUs): each tier gets its own CPU, as each pod does in Kubernetes (one CPU each in
#   k8s/helm): the backends (content-service, the static nginx) on CPU 0; the proxy under test (gateway or nginx) on
#   CPU 1 — in all three paths, so "direct" has the same backend CPU as the proxied paths. Both JVMs run the Serial
#   collector, which is what a JVM in a one-CPU container picks (and what the chart names for the gateway).
#   PostgreSQL and Redis are left where the machine runs them. wrk, the clients, would sit on a machine of their own;
#   here it must share a CPU with one tier and takes ~0.09 ms of it per request, so each saturation window is run with
#   wrk on CPU 1 and again on CPU 0 (CLIENT_CPUS="1 0"); a path's figure is the median of its better placement (both
#   are printed), and its half-saturation windows put wrk there too. CLIENT_CPUS=1 is the method of the eleventh
#   session and before.
# LAYOUT=shared: every process on every CPU (the gateway's CPU comes out of the service's); content-service on the
#   Parallel collector, the gateway on the chart's options.
# Needs: wrk, nginx (Debian packages), PostgreSQL and Redis as for the tests (POSTGRES_HOST/POSTGRES_PORT/REDIS_HOST/REDIS_PORT,
# defaults 127.0.0.1), a JDK 25 (the chart gives the gateway an option only JDK 25 knows) and the two jars (./mvnw -pl gateway-service,content-service -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-15s}
CONNS=${2:-64}
THREADS=2
ROUNDS=${ROUNDS:-3}
LAYOUT=${LAYOUT:-$([ "$(nproc)" -ge 2 ] && echo dedicated || echo shared)}
WORK=$(mktemp -d /tmp/gw-bench.XXXX)
# shellcheck source=loadtests/gateway/lib.sh
. loadtests/gateway/lib.sh
STATIC_PORT=${STATIC_PORT:-19601}
NGINX_STATIC_PORT=${NGINX_STATIC_PORT:-19602}
GATEWAY_PORT=${GATEWAY_PORT:-19603}
CONTENT_PORT=${CONTENT_PORT:-19604}
NGINX_CONTENT_PORT=${NGINX_CONTENT_PORT:-19605}
# Per layout: where the backends and the front (proxy under test + wrk) run, the collector, and the gateway's warm-up
# (with one CPU its JIT compiler shares that CPU with the load and needs longer; docs/performance.md, "Gateway").
case $LAYOUT in
  dedicated) BACKEND=(taskset -c 0); FRONT=(taskset -c 1); GC=-XX:+UseSerialGC; DEFAULT_WARMUP=240
    CLIENT_CPUS=${CLIENT_CPUS:-1 0}
    LAYOUT_NOTE=" (backends on CPU 0; the proxy under test on CPU 1; wrk on CPU ${CLIENT_CPUS// / and on CPU })" ;;
  shared) BACKEND=(); FRONT=(); GC=-XX:+UseParallelGC; DEFAULT_WARMUP=90; CLIENT_CPUS=any; LAYOUT_NOTE="" ;;
  *) echo "LAYOUT must be dedicated or shared, not '$LAYOUT'" >&2; exit 2 ;;
esac
WARMUP=${WARMUP:-$DEFAULT_WARMUP}
# content-service: a 512 MiB heap and the layout's collector. The gateway: exactly the JVM options the Helm chart gives
# it (values.yaml: Serial, a fixed heap with a 2 GiB young generation, for the tail — docs/performance.md, "Gateway",
# tenth session), in both layouts.
JVM_OPTS=(-Xms512m -Xmx512m "$GC")
mapfile -t GATEWAY_JVM_OPTS < <(chart_gateway_jvm_options)
[ "${#GATEWAY_JVM_OPTS[@]}" -gt 0 ] || { echo "no javaToolOptions for the gateway in k8s/helm/lectern/values.yaml" >&2; exit 2; }
# content-service gets a database of its own for the run, dropped at the end.
BENCH_DB=lectern_gateway_bench
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pidfile in "$WORK"/nginx-*.pid; do
    if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
  done
  wait 2>/dev/null || true
  "${PSQL[@]}" -c "drop database if exists $BENCH_DB" >/dev/null 2>&1 || true
}
trap cleanup EXIT


echo "== layout: $LAYOUT$LAYOUT_NOTE"
echo "== nginx: static backend on $STATIC_PORT, reverse proxies on $NGINX_STATIC_PORT (static) and $NGINX_CONTENT_PORT (content-service)"
mkdir -p "$WORK/nginx"
nginx_conf() { # name, then the servers
  cat <<CONF
worker_processes 2;
pid $WORK/nginx-$1.pid;
error_log $WORK/nginx-$1-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
$2
}
CONF
}
nginx_conf backend "
  server {
    listen 127.0.0.1:$STATIC_PORT;
    location / {
      default_type application/json;
      return 200 '{\"id\":\"3f1c2b9e-5d7a-4c1e-9b8f-0a2d4e6f8a10\",\"title\":\"TCP flow control\",\"state\":\"SUCCEEDED\"}';
    }
  }" > "$WORK/nginx-backend.conf"
nginx_conf proxy "
  upstream staticbackend { server 127.0.0.1:$STATIC_PORT; keepalive 128; }
  upstream contentservice { server 127.0.0.1:$CONTENT_PORT; keepalive 128; }
  server {
    listen 127.0.0.1:$NGINX_STATIC_PORT;
    location / { proxy_pass http://staticbackend; proxy_http_version 1.1; proxy_set_header Connection \"\"; }
  }
  server {
    listen 127.0.0.1:$NGINX_CONTENT_PORT;
    location / { proxy_pass http://contentservice; proxy_http_version 1.1; proxy_set_header Connection \"\"; }
  }" > "$WORK/nginx-proxy.conf"
"${BACKEND[@]}" nginx -c "$WORK/nginx-backend.conf"
"${FRONT[@]}" nginx -c "$WORK/nginx-proxy.conf"
wait_for "http://127.0.0.1:$NGINX_STATIC_PORT/api/videos/ping"
"${PSQL[@]}" -c "set client_min_messages = warning" -c "drop database if exists $BENCH_DB" -c "create database $BENCH_DB"

echo "== gateway on $GATEWAY_PORT (dev issuer; JWT + Redis rate limit set far above the load; JVM: ${GATEWAY_JVM_OPTS[*]}), content-service on $CONTENT_PORT"
ISSUER="http://127.0.0.1:$GATEWAY_PORT/auth/dev"
JWKS="http://127.0.0.1:$GATEWAY_PORT/auth/jwks"
# content routes go to content-service; video routes to the static nginx backend (the same gateway serves both).
"${FRONT[@]}" "$JAVA" "${GATEWAY_JVM_OPTS[@]}" -jar "$GATEWAY_JAR" \
  --spring.profiles.active=dev --server.port="$GATEWAY_PORT" \
  --lectern.security.jwt.issuer="$ISSUER" --lectern.security.jwt.jwk-set-uri="$JWKS" \
  --LECTERN_CONTENT_URI="http://127.0.0.1:$CONTENT_PORT" --LECTERN_VIDEO_URI="http://127.0.0.1:$STATIC_PORT" \
  --lectern.gateway.rate-limit.reads.replenish-rate=1000000 \
  --lectern.gateway.rate-limit.reads.burst-capacity=2000000 \
  > "$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!; PIDS+=("$GATEWAY_PID")
wait_for "http://127.0.0.1:$GATEWAY_PORT/actuator/health/liveness"
"${BACKEND[@]}" "$JAVA" "${JVM_OPTS[@]}" -jar "$CONTENT_JAR" --server.port="$CONTENT_PORT" \
  --lectern.security.jwt.issuer="$ISSUER" --lectern.security.jwt.jwk-set-uri="$JWKS" \
  --lectern.storage.root="$WORK/storage" --POSTGRES_DB="$BENCH_DB" \
  > "$WORK/content.log" 2>&1 &
CONTENT_PID=$!; PIDS+=("$CONTENT_PID")
# Redis's CPU is counted when it runs on this machine (the rate limiter's script runs there).
REDIS_PID=$(pgrep -x redis-server | head -1 || true)
wait_for "http://127.0.0.1:$CONTENT_PORT/actuator/health/readiness"

TOKEN=$(dev_token "$GATEWAY_PORT" "bench-$$")
AUTH="Authorization: Bearer $TOKEN"
DOC=$(bench_document "$CONTENT_PORT" "$AUTH")
SERVICE_PATH="/api/content/documents/$DOC"
STATIC_PATH="/api/videos/ping"
for url in "http://127.0.0.1:$CONTENT_PORT$SERVICE_PATH" "http://127.0.0.1:$NGINX_CONTENT_PORT$SERVICE_PATH" \
    "http://127.0.0.1:$GATEWAY_PORT$SERVICE_PATH" "http://127.0.0.1:$GATEWAY_PORT$STATIC_PATH"; do
  curl -fsS -o /dev/null -H "$AUTH" "$url"
done
# Same auth header on every path, so request sizes are equal.

run() { # name url [extra wrk args]; CLIENT_CPU: where wrk runs (a CPU number, or any)
  local name=$1 url=$2; shift 2
  local g0 c0 r0 g1 c1 r1 client=()
  [ "${CLIENT_CPU:-any}" = any ] || client=(taskset -c "$CLIENT_CPU")
  g0=$(ticks "$GATEWAY_PID"); c0=$(ticks "$CONTENT_PID"); r0=$(ticks "$REDIS_PID")
  "${client[@]}" wrk -t"$THREADS" -c"${CONNS_OVERRIDE:-$CONNS}" -d"$DURATION" --latency -H "$AUTH" "$@" "$url" > "$WORK/$name.txt"
  g1=$(ticks "$GATEWAY_PID"); c1=$(ticks "$CONTENT_PID"); r1=$(ticks "$REDIS_PID")
  local rps p50 p99 requests
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$name.txt")
  requests=$(awk '/requests in/ {print $1}' "$WORK/$name.txt")
  local errors; errors=$(grep -E "Non-2xx|Socket errors" "$WORK/$name.txt" | tr '\n' ' ' || true)
  # CPU per request of each process (ms), where the two cores went: the ratio follows from these.
  local cpu
  cpu=$(awk -v n="$requests" -v hz="$(getconf CLK_TCK)" -v g=$((g1 - g0)) -v c=$((c1 - c0)) -v r=$((r1 - r0)) \
    'BEGIN { if (n <= 0) { print "cpu ms/req: no requests"; exit } f = 1000 / hz / n; printf "cpu ms/req: gateway %.2f service %.2f redis %.2f", g * f, c * f, r * f }')
  printf "%-24s %12s req/s   p50 %9s   p99 %9s   %s   %s\n" "$name" "$rps" "$p50" "$p99" "$cpu" "$errors"
  grep '^percentiles:' "$WORK/$name.txt" | sed 's/^/                         /' || true
  echo "$rps" >> "$WORK/$name.rps"
  # p99 in ms from throttle.lua's percentile line, where the script is used.
  grep '^percentiles:' "$WORK/$name.txt" | sed -E 's/.* p99 ([0-9.]+)ms .*/\1/' >> "$WORK/$name.p99" || true
}
# One saturation window per client placement in each round.
placements() { # name url
  local cpu
  for cpu in $CLIENT_CPUS; do CLIENT_CPU=$cpu run "$1@cpu$cpu" "$2"; done
}
# The placement whose median saturation rate was higher for a path: its figure, and where its half-saturation windows
# run wrk. (A path's own median, not the better of each round's two windows, which would pick the luckier noise.)
best_client_cpu() { # name
  local cpu best=any top=0 m
  for cpu in $CLIENT_CPUS; do
    m=$(median "$1@cpu$cpu.rps")
    if awk -v m="$m" -v t="$top" 'BEGIN { exit !(m > t) }'; then top=$m; best=$cpu; fi
  done
  echo "$best"
}
rounds() { # name-prefix direct-url nginx-url gateway-url
  local r
  for r in $(seq 1 "$ROUNDS"); do
    echo "-- round $r/$ROUNDS"
    placements "$1-direct" "$2"
    placements "$1-nginx" "$3"
    placements "$1-gateway" "$4"
  done
  local path
  for path in direct nginx gateway; do
    cp "$WORK/$1-$path@cpu$(best_client_cpu "$1-$path").rps" "$WORK/$1-$path.rps"
  done
  printf "medians: direct %s   nginx %s   gateway %s req/s\n" "$(median "$1-direct.rps")" "$(median "$1-nginx.rps")" \
    "$(median "$1-gateway.rps")"
  local cpu
  for path in direct nginx gateway; do
    printf "  %s, median per wrk placement:" "$path"
    for cpu in $CLIENT_CPUS; do printf "  CPU %s %s req/s" "$cpu" "$(median "$1-$path@cpu$cpu.rps")"; done
    echo
  done
  ratios "$1-direct.rps" "$1-nginx.rps" "$1-gateway.rps"
}
warm() { "${FRONT[@]}" wrk -t"$THREADS" -c"$CONNS" -d"$1s" -H "$AUTH" "$2" > /dev/null; }
ratios() { # direct nginx gateway
  awk -v d="$(median "$1")" -v n="$(median "$2")" -v g="$(median "$3")" 'BEGIN {
    printf "ratios: nginx/direct %.2f   gateway/direct %.2f   gateway/nginx %.2f\n", n/d, g/d, g/n }'
}

# The JIT compilers compete with the load: the gateway reaches its steady rate after about 90 s on two CPUs, later on one.
echo "== warm-up (JIT): ${WARMUP} s through the gateway, 30 s on the service, 10 s through nginx"
warm "$WARMUP" "http://127.0.0.1:$GATEWAY_PORT$SERVICE_PATH"
warm 30 "http://127.0.0.1:$CONTENT_PORT$SERVICE_PATH"
warm 10 "http://127.0.0.1:$NGINX_CONTENT_PORT$SERVICE_PATH"

echo "== service backend: wrk -t$THREADS -c$CONNS -d$DURATION, GET /api/content/documents/{id} (content-service)"
rounds service "http://127.0.0.1:$CONTENT_PORT$SERVICE_PATH" "http://127.0.0.1:$NGINX_CONTENT_PORT$SERVICE_PATH" \
  "http://127.0.0.1:$GATEWAY_PORT$SERVICE_PATH"

# Half of the gateway's saturation rate, offered by 32 connections each pausing a random time between requests (wrk has
# no fixed-rate mode; throttle.lua); the service directly at the same offered rate for comparison.
GW=$(median service-gateway.rps)
HALF=$(awk -v g="$GW" 'BEGIN { printf "%d", g/2 }')
DELAY=$(awk -v h="$HALF" 'BEGIN { printf "%d", 32*1000/h }')
[ "$DELAY" -lt 1 ] && DELAY=1
# One window's p99 swings with the machine (8-27 ms for the same gateway in one hour), so ROUNDS windows each, the
# gateway and the service in turn, and the median window is the figure.
GATEWAY_CLIENT=$(best_client_cpu service-gateway)
DIRECT_CLIENT=$(best_client_cpu service-direct)
echo "== at ~half the gateway's saturation: target $HALF req/s (32 connections, random pauses of ${DELAY} ms on average;" \
  "wrk on CPU $GATEWAY_CLIENT for the gateway, on CPU $DIRECT_CLIENT for the service)"
for r in $(seq 1 "$ROUNDS"); do
  echo "-- round $r/$ROUNDS"
  CLIENT_CPU=$GATEWAY_CLIENT CONNS_OVERRIDE=32 DELAY_MS=$DELAY run service-gateway-half "http://127.0.0.1:$GATEWAY_PORT$SERVICE_PATH" -s loadtests/gateway/throttle.lua
  CLIENT_CPU=$DIRECT_CLIENT CONNS_OVERRIDE=32 DELAY_MS=$DELAY run service-direct-half "http://127.0.0.1:$CONTENT_PORT$SERVICE_PATH" -s loadtests/gateway/throttle.lua
done
printf "half saturation, median window: gateway p99 %s ms (%s req/s)   service direct p99 %s ms (%s req/s)\n" \
  "$(median service-gateway-half.p99)" "$(median service-gateway-half.rps)" \
  "$(median service-direct-half.p99)" "$(median service-direct-half.rps)"

echo "== static backend (nginx fixed JSON, no work): the gateway's whole cost shows"
warm 30 "http://127.0.0.1:$GATEWAY_PORT$STATIC_PATH"
warm 5 "http://127.0.0.1:$NGINX_STATIC_PORT$STATIC_PATH"
rounds static "http://127.0.0.1:$STATIC_PORT$STATIC_PATH" "http://127.0.0.1:$NGINX_STATIC_PORT$STATIC_PATH" \
  "http://127.0.0.1:$GATEWAY_PORT$STATIC_PATH"
echo "raw wrk outputs and logs: $WORK"
