# Shared helpers of the bench/run-*.sh scripts (sourced, not run).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PG=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
STARTED_PIDS=()

# Stops every service this script started, by pid, whatever way the script ends.
# A service that does not stop within 15 s of SIGTERM (seen: a policy-service overloaded into GC) gets SIGKILL,
# so a failed run never leaves a process burning the cores the next benchmark measures on.
stop_started() {
  for pid in "${STARTED_PIDS[@]:-}"; do
    [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "pid $pid did not stop within 15 s of SIGTERM: killed" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}

# DAMON (the kernel's data-access monitor) runs a "pageout" scheme on this kind of VM (/sys/kernel/mm/damon, kdamond,
# sampling physical memory every 500 ms). A minute or so after it starts it stretches the tails of every JVM here
# 5-20x while a C client and server stay at their floor (docs/benchmarks.md, "DAMON"). Every stamp line says whether
# it runs; PAUSE_DAMON=1 (root) stops it for the run and starts it again when the script ends, however it ends.
DAMON_ADMIN=/sys/kernel/mm/damon/admin/kdamonds
DAMON_PAUSED=()
damon_state() {
  local k states=()
  for k in "$DAMON_ADMIN"/[0-9]*; do
    [ -r "$k/state" ] && states+=("kdamond ${k##*/} $(cat "$k/state")")
  done
  if [ ${#states[@]} -eq 0 ]; then echo "no DAMON"; else local IFS=,; echo "${states[*]}"; fi
}
resume_damon() {
  local k
  for k in "${DAMON_PAUSED[@]:-}"; do
    [ -n "$k" ] && { echo on > "$k/state" || echo "could not restart $k: echo on > $k/state" >&2; }
  done
  DAMON_PAUSED=()
}
bench_exit() { stop_started; resume_damon; }
trap bench_exit EXIT
# The trap is set first: whatever ends the script after this restarts what it stopped.
if [ -n "${PAUSE_DAMON:-}" ]; then
  for k in "$DAMON_ADMIN"/[0-9]*; do
    [ "$(cat "$k/state" 2>/dev/null)" = on ] || continue
    if echo off 2>/dev/null > "$k/state"; then DAMON_PAUSED+=("$k")
    else echo "PAUSE_DAMON: cannot stop $k (needs root); measuring with DAMON on" >&2; fi
  done
fi

# CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat: robust to a busy machine,
# unlike latency. Per-operation cost = (after - before) / operations.
cpu_seconds() { # pid
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$1/stat"
}

# free_ports N: N distinct free ports on one line (all bound at once, so none is handed out twice).
free_ports() { python3 -c 'import socket,sys; s=[socket.socket() for _ in range(int(sys.argv[1]))]; [x.bind(("127.0.0.1",0)) for x in s]; print(" ".join(str(x.getsockname()[1]) for x in s))' "${1:-1}"; }
free_port() { free_ports 1; }

stamp() { echo "# $(date -u +%FT%TZ) on $(hostname): $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(damon_state)"; }

fresh_db() { # name
  "${PG[@]}" -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
}

# Packaged Quarkus jar of a module, in SERVICE_JAR; (re)built, offline with the modules it depends on,
# when missing or older than the module's sources (a stale jar would measure old code), and once per
# script run with REBUILD=1.
BUILT_ONCE=" "
service_jar() { # module
  local jar="$ROOT/$1/target/quarkus-app/quarkus-run.jar" forced=""
  [ -n "${REBUILD:-}" ] && [[ "$BUILT_ONCE" != *" $1 "* ]] && forced=1
  if [ ! -f "$jar" ] || [ -n "$forced" ] \
     || [ -n "$(find "$ROOT/$1/src/main" "$ROOT/$1/pom.xml" "$ROOT/contracts/src" -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
    echo "building $1 (mvn -o -pl $1 -am package -DskipTests)" >&2
    (cd "$ROOT" && mvn -B -o -q -pl "$1" -am package -DskipTests) >&2
    BUILT_ONCE+="$1 "
  fi
  SERVICE_JAR="$jar"
}

# An operator token for the services this script starts (their REST APIs need one): BENCH_OPERATOR_TOKEN, its
# hash in BENCH_OPERATOR_TOKENS_FILE (passed to every service as OPERATOR_TOKENS_FILE), and the Authorization
# header HttpLatency sends (BENCH_AUTHORIZATION).
BENCH_OPERATOR_TOKEN="mgw_op_bench_$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
BENCH_OPERATOR_TOKENS_FILE="$(mktemp)"
echo "bench admin $(printf %s "$BENCH_OPERATOR_TOKEN" | sha256sum | cut -d' ' -f1)" > "$BENCH_OPERATOR_TOKENS_FILE"
export BENCH_AUTHORIZATION="Bearer $BENCH_OPERATOR_TOKEN"

# Starts a packaged service with the given env (NAME=value ...) and waits until it is ready.
# SERVICE_JAVA_OPTS: JVM options after the defaults (-Xms256m -Xmx512m, the JVM's default collector), which they override.
start_service() { # module port log env...
  local module=$1 port=$2 log=$3; shift 3
  local jar; service_jar "$module"; jar="$SERVICE_JAR"
  # Run a private copy: other engineers repackage their modules while benchmarks run.
  local copy="$ROOT/$module/target/bench-quarkus-app"
  rm -rf "$copy"; cp -r "$(dirname "$jar")" "$copy"; jar="$copy/quarkus-run.jar"
  env QUARKUS_HTTP_PORT="$port" OPERATOR_TOKENS_FILE="$BENCH_OPERATOR_TOKENS_FILE" "$@" \
    java -Xms256m -Xmx512m ${SERVICE_JAVA_OPTS:-} -jar "$jar" >"$log" 2>&1 &
  local pid=$!
  STARTED_PIDS+=("$pid")
  for _ in $(seq 1 240); do
    if curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then
      echo "$module ready on :$port (pid $pid, log $log)" >&2
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "$module exited; see $log" >&2; tail -20 "$log" >&2; return 1; }
    sleep 0.5
  done
  echo "$module not ready after 120 s; see $log" >&2; return 1
}

# The bench module's jar (JDK-only load generators plus kafka-clients) and its runtime classpath.
bench_cp() {
  local jar="$ROOT/bench/target/bench-0.1.0-SNAPSHOT.jar" cpf="$ROOT/bench/target/runtime-classpath.txt"
  if [ ! -f "$jar" ] || [ ! -f "$cpf" ] || [ -n "${REBUILD:-}" ] || [ "$(find "$ROOT/bench/src/main" "$ROOT/bench/pom.xml" -newer "$jar" | head -1)" ]; then
    (cd "$ROOT" && mvn -B -o -q -pl bench -am package dependency:build-classpath -DskipTests \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$cpf") >&2
  fi
  echo "$jar:$(cat "$cpf")"
}

# McpLoad, the proxy benchmarks' load generator, with their one set of JVM options, on classpath $1 (bench_cp's).
# CLIENT [vertx]: its HTTP client, vertx or jdk (see run-proxy-overhead.sh).
mcp_load() { # classpath mcpload-args...
  local cp=$1; shift
  java -Dmcpload.client="${CLIENT:-vertx}" -Xmx256m -XX:+UseParallelGC -XX:+UseTransparentHugePages -cp "$cp" \
    dev.mcpgateway.bench.McpLoad "$@"
}

# An allow-all policy (bench-allow-all) and a grant of it on server smartlead, through policy-service's REST API
# at $1 with the operator admin token $2; prints the grant's token.
allow_all_grant() { # policy-url admin-token
  local policy=$1 admin=$2 token
  curl -fsS -X PUT -H 'Content-Type: application/json' -H 'X-Actor: bench' -H "Authorization: Bearer $admin" \
    -d '{"version":"1","default":"allow"}' "$policy/api/policies/bench-allow-all" >/dev/null
  token=$(curl -fsS -X POST -H 'Content-Type: application/json' -H 'X-Actor: bench' -H "Authorization: Bearer $admin" \
    -d '{"name":"bench","server":"smartlead","policy":"bench-allow-all"}' "$policy/api/grants" \
    | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')
  [ -n "$token" ] || { echo "could not create a grant" >&2; return 1; }
  echo "$token"
}
