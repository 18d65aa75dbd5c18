#!/usr/bin/env bash
# Gateway benchmark: the same backend endpoint (nginx answering a fixed JSON document), the same wrk settings, three paths in one run:
#   direct (client → backend), nginx (plain reverse proxy), gateway (JWT + Redis rate limit + routing).
# Then the gateway again at about half its saturation rate, for p99.
# Usage: loadtests/gateway/run.sh [duration=15s] [connections=64]
# Needs: wrk, nginx (Debian packages), Redis on REDIS_HOST:REDIS_PORT (default 127.0.0.1:6379), a JDK 21+,
# and the gateway jar (./mvnw -pl gateway-service package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-15s}
CONNS=${2:-64}
THREADS=2
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAR=$(ls gateway-service/target/gateway-service-*.jar | grep -v plain | head -1)
WORK=$(mktemp -d /tmp/gw-bench.XXXX)
BACKEND_PORT=${BACKEND_PORT:-19601}
NGINX_PORT=${NGINX_PORT:-19602}
GATEWAY_PORT=${GATEWAY_PORT:-19603}
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

wait_for() { for _ in $(seq 1 120); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.5; done; echo "timeout waiting for $1" >&2; return 1; }

echo "== nginx: backend on $BACKEND_PORT, reverse proxy on $NGINX_PORT"
mkdir -p "$WORK/nginx"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 128; }
  # The backend: a fixed JSON answer for every path (the same endpoint for all three paths).
  server {
    listen 127.0.0.1:$BACKEND_PORT;
    location / {
      default_type application/json;
      return 200 '{"id":"3f1c2b9e-5d7a-4c1e-9b8f-0a2d4e6f8a10","title":"TCP flow control","state":"SUCCEEDED"}';
    }
  }
  # The plain reverse proxy.
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
nginx -c "$WORK/nginx.conf"
wait_for "http://127.0.0.1:$NGINX_PORT/api/content/ping"

echo "== gateway on $GATEWAY_PORT (dev issuer, JWT + Redis rate limit set far above the load)"
"$JAVA" -Xms512m -Xmx512m -XX:+UseParallelGC -XX:TieredStopAtLevel=4 -jar "$JAR" \
  --spring.profiles.active=dev --server.port="$GATEWAY_PORT" \
  --lectern.security.jwt.issuer="http://127.0.0.1:$GATEWAY_PORT/auth/dev" \
  --lectern.security.jwt.jwk-set-uri="http://127.0.0.1:$GATEWAY_PORT/auth/jwks" \
  --LECTERN_CONTENT_URI="http://127.0.0.1:$BACKEND_PORT" \
  --lectern.gateway.rate-limit.reads.replenish-rate=1000000 \
  --lectern.gateway.rate-limit.reads.burst-capacity=2000000 \
  --logging.level.dev.lectern.gateway.requests=${REQUEST_LOG_LEVEL:-INFO} \
  > "$WORK/gateway.log" 2>&1 & PIDS+=($!)
wait_for "http://127.0.0.1:$GATEWAY_PORT/actuator/health/liveness"
TOKEN=$(curl -fsS -H 'Content-Type: application/json' -d '{"username":"bench","roles":["LEARNER"]}' \
  "http://127.0.0.1:$GATEWAY_PORT/auth/dev-token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
AUTH="Authorization: Bearer $TOKEN"
curl -fsS -o /dev/null -H "$AUTH" "http://127.0.0.1:$GATEWAY_PORT/api/content/ping"
# Same auth header on every path, so request sizes are equal.

run() { # name url [extra wrk args]
  local name=$1 url=$2; shift 2
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -H "$AUTH" "$@" "$url" > "$WORK/$name.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$name.txt")
  local errors; errors=$(grep -E "Non-2xx|Socket errors" "$WORK/$name.txt" | tr '\n' ' ' || true)
  printf "%-22s %12s req/s   p50 %9s   p99 %9s   %s\n" "$name" "$rps" "$p50" "$p99" "$errors"
  echo "$rps" > "$WORK/$name.rps"
}

echo "== warm-up (JIT) 20 s through the gateway and nginx"
wrk -t"$THREADS" -c"$CONNS" -d20s -H "$AUTH" "http://127.0.0.1:$GATEWAY_PORT/api/content/ping" > /dev/null
wrk -t"$THREADS" -c"$CONNS" -d5s -H "$AUTH" "http://127.0.0.1:$NGINX_PORT/api/content/ping" > /dev/null
wrk -t"$THREADS" -c"$CONNS" -d5s -H "$AUTH" "http://127.0.0.1:$BACKEND_PORT/api/content/ping" > /dev/null

echo "== results: wrk -t$THREADS -c$CONNS -d$DURATION, GET /api/content/ping"
run direct  "http://127.0.0.1:$BACKEND_PORT/api/content/ping"
run nginx   "http://127.0.0.1:$NGINX_PORT/api/content/ping"
run gateway "http://127.0.0.1:$GATEWAY_PORT/api/content/ping"

DIRECT=$(cat "$WORK/direct.rps"); NGINX=$(cat "$WORK/nginx.rps"); GW=$(cat "$WORK/gateway.rps")
awk -v d="$DIRECT" -v n="$NGINX" -v g="$GW" 'BEGIN {
  printf "ratios: nginx/direct %.2f   gateway/direct %.2f   gateway/nginx %.2f\n", n/d, g/d, g/n }'

# Half of the gateway's saturation rate, offered by 32 connections each pausing between requests.
HALF=$(awk -v g="$GW" 'BEGIN { printf "%d", g/2 }')
DELAY=$(awk -v h="$HALF" 'BEGIN { printf "%d", 32*1000/h }')
[ "$DELAY" -lt 1 ] && DELAY=1
echo "== gateway at ~half saturation: target $HALF req/s (32 connections, ${DELAY} ms pause each)"
CONNS=32 DELAY_MS=$DELAY run gateway-half "http://127.0.0.1:$GATEWAY_PORT/api/content/ping" -s loadtests/gateway/throttle.lua
CONNS=32 DELAY_MS=$DELAY run direct-half "http://127.0.0.1:$BACKEND_PORT/api/content/ping" -s loadtests/gateway/throttle.lua
echo "raw wrk outputs: $WORK"
