# shellcheck shell=bash
# shellcheck disable=SC2034  # the variables are for the scripts that source this file
# What run.sh and compare.sh share: the JDK, the jars, PostgreSQL, waiting, CPU ticks, medians, the token and the
# document every request reads, and the gateway's JVM options from the Helm chart. Sourced from the repository root,
# after WORK is set.
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
jar_of() {
  local jar
  for jar in "$1"/target/"$1"-*.jar; do
    case $jar in *-plain.jar) ;; *) echo "$jar"; return ;; esac
  done
}
GATEWAY_JAR=$(jar_of gateway-service)
CONTENT_JAR=$(jar_of content-service)
PSQL=(psql -h "${POSTGRES_HOST:-127.0.0.1}" -p "${POSTGRES_PORT:-5432}" -U "${POSTGRES_USER:-postgres}" -d postgres -qAt)
wait_for() {
  for _ in $(seq 1 240); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.5; done
  echo "timeout waiting for $1" >&2
  return 1
}
# CPU time of a process in clock ticks (user + system), 0 when it is not on this machine.
ticks() { if [ -n "$1" ] && [ -r "/proc/$1/stat" ]; then awk '{ print $14 + $15 }' "/proc/$1/stat"; else echo 0; fi; }
median() { sort -n "$WORK/$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# The gateway's JVM options as the Helm chart gives them (values.yaml, services.gateway.javaToolOptions: a plain or
# quoted value on the key's line, or a folded ">-" block below it), one per line.
chart_gateway_jvm_options() {
  awk '
    /^  gateway:/ { in_gateway = 1 }
    folded { if ($0 ~ /^      [^ ]/) { sub(/^ +/, ""); value = value " " $0; next } print value; folded = 0; exit }
    in_gateway && /^    javaToolOptions:/ {
      sub(/^    javaToolOptions: */, ""); if ($0 == ">-") { folded = 1; next } gsub(/"/, ""); print; exit }
    END { if (folded) print value }' k8s/helm/lectern/values.yaml | tr ' ' '\n' | grep -v '^$'
}
# A token from the gateway's dev issuer (dev profile) for a fresh AUTHOR: dev_token <gateway port> <user name>.
dev_token() {
  curl -fsS -H 'Content-Type: application/json' -d '{"username":"'"$2"'","roles":["AUTHOR"]}' \
    "http://127.0.0.1:$1/auth/dev-token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}
# The document every path reads, created on content-service directly; prints its id: bench_document <port> <header>.
bench_document() {
  curl -fsS -H "$2" -H 'Content-Type: application/json' \
    -d '{"title":"TCP flow control","text":"Flow control is a mechanism that stops a fast sender from overwhelming a slow receiver. The receive window is the amount of data a receiver can accept."}' \
    "http://127.0.0.1:$1/api/content/documents" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4
}
