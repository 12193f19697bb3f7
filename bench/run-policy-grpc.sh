#!/usr/bin/env bash
# Issue 4: gRPC Decide over loopback, open loop at RATE Decides/s, latency from the intended send time.
# Starts the packaged policy-service twice on a fresh database (mcp_bench_policy): once with memory
# counters, once with Redis counters (POLICY_LIMITS_STORE=redis), and runs
# dev.mcpgateway.policy.bench.DecideLoad (policy-service/src/bench/java) against each.
#   bench/run-policy-grpc.sh
# Environment: RATE [5000] SECS [20] WARMUP [20, climbing to RATE in five steps] CHANNELS [2] STORES ["memory redis"]
#   (STORES=null: the control, NullPolicyServer, a gRPC server that decides nothing: the floor under the figures);
#   DEADLINE_MS [2000]: each call's gRPC deadline, as the proxy sets it (a call past it counts as an error);
#   REDIS [redis://127.0.0.1:6379]; SKIP_COMPILE=1 reuses the last compiled client (target/bench-snapshot).
#   SERVICE_ENV ["NAME=value ..."]: extra environment of the service (A/B of a runtime setting);
#   SERVICE_JAVA_OPTS ["-Xms256m -Xmx256m -XX:+UseParallelGC -XX:+UseTransparentHugePages"]: the service's JVM
#   options, by default those ./gateway runs policy-service with (256 MB heap, parallel collector, huge pages);
#   CLIENT_JAVA_OPTS ["-Xms256m -Xmx512m -XX:+UseTransparentHugePages"]: the load generator's JVM options (same
#   cores, so its pauses count too; huge pages for the same reason as the service's);
#   CLIENT_ARGS ["--name value ..."]: more DecideLoad options (--sender loop|thread, --loops N, --transport epoll|nio,
#   --settle false; see DecideLoad's javadoc);
#   TIMELINE=true prints, per second of the measurement, the calls over 1 ms and the slowest;
#   DUMP=path writes each call's latencies (µs, send order) to path-<store>.txt;
#   JFR=1 records a profile of the service over warm-up and measurement (target/bench-logs/policy-<store>.jfr).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
RATE="${RATE:-5000}"; SECS="${SECONDS_TO_RUN:-${SECS:-20}}"; WARMUP="${WARMUP:-20}"; CHANNELS="${CHANNELS:-2}"
DEADLINE_MS="${DEADLINE_MS:-2000}"
export SERVICE_JAVA_OPTS="${SERVICE_JAVA_OPTS--Xms256m -Xmx256m -XX:+UseParallelGC -XX:+UseTransparentHugePages}"
STORES="${STORES:-memory redis}"; REDIS="${REDIS:-redis://127.0.0.1:6379}"
read -r -a SERVICE_ENV_ARR <<< "${SERVICE_ENV:-}"
DB=mcp_bench_policy
LOGDIR="$ROOT/policy-service/target/bench-logs"; mkdir -p "$LOGDIR"
CPF="$ROOT/policy-service/target/bench-classpath.txt"

# The client is policy-service/src/bench/java/.../DecideLoad: it needs the generated gRPC stubs and grpc-netty
# (policy-service's test classpath), not JMH, so it is compiled alone with javac: the bench profile's JMH
# benchmarks need JMH in the local repository, which an offline machine may not have.
# A private copy of the classes: other builds of policy-service rewrite target/classes.
SNAP="$ROOT/policy-service/target/bench-snapshot"
if [ -z "${SKIP_COMPILE:-}" ] || [ ! -f "$CPF" ] || [ ! -f "$SNAP/test-classes/dev/mcpgateway/policy/bench/NullPolicyServer.class" ]; then
  (cd "$ROOT" && mvn -B -o -q -pl policy-service -am compile dependency:build-classpath \
     -Dmdep.includeScope=test -Dmdep.outputFile="$CPF")
  rm -rf "$SNAP"; mkdir -p "$SNAP/test-classes"
  cp -r "$ROOT/policy-service/target/classes" "$SNAP/classes"
  [ -f "$SNAP/classes/dev/mcpgateway/contracts/policy/v1/PolicyServiceGrpc.class" ] \
    || { echo "policy-service/target/classes is incomplete (a build running?); run again" >&2; exit 1; }
  javac -nowarn -d "$SNAP/test-classes" -cp "$SNAP/classes:$(cat "$CPF")" \
    "$ROOT/policy-service/src/bench/java/dev/mcpgateway/policy/bench/DecideLoad.java" \
    "$ROOT/policy-service/src/bench/java/dev/mcpgateway/policy/bench/NullPolicyServer.java"
fi
CP="$SNAP/test-classes:$SNAP/classes:$(cat "$CPF")"

# A rate-limited tool with a limit it never reaches: every Decide reserves a counter (memory or Redis).
POLICY='{"version":"1","default":"deny","tools":{"smartlead_list_campaigns":{"limits":[
  {"counter":"bench_list_rate","window":"minute","max":100000000,"scope":"grant"}]}}}'

status=0
stamp
for store in $STORES; do
  read -r port grpc_port <<< "$(free_ports 2)"
  if [ "$store" = null ]; then
    # The control: the same generator against a gRPC server that decides nothing (NullPolicyServer's javadoc).
    # shellcheck disable=SC2086 # word splitting intended: a list of JVM options
    java $SERVICE_JAVA_OPTS -cp "$CP" dev.mcpgateway.policy.bench.NullPolicyServer "$grpc_port" ${NULL_ARGS:-} >"$LOGDIR/policy-null.log" 2>&1 &
    STARTED_PIDS+=("$!")
    for _ in $(seq 1 100); do grep -q "null PolicyService" "$LOGDIR/policy-null.log" && break; sleep 0.2; done
    grep -q "null PolicyService" "$LOGDIR/policy-null.log" \
      || { echo "NullPolicyServer did not start; see $LOGDIR/policy-null.log" >&2; exit 1; }  # the EXIT trap stops it
    GRANT=none
    echo "## null server: NullPolicyServer (grpc-java Netty, direct executor, no policy, no counters); JVM: $SERVICE_JAVA_OPTS"
  else
    fresh_db "$DB"
    env_store=(POLICY_LIMITS_STORE="$store")
    [ "$store" = redis ] && env_store+=(QUARKUS_REDIS_HOSTS="$REDIS" POLICY_LIMITS_REDIS_KEY_PREFIX="mcpg:bench:$$:")
    start_service policy-service "$port" "$LOGDIR/policy-$store.log" \
      POLICY_GRPC_PORT="$grpc_port" POLICY_DEMO_GRANT_TOKEN=x POLICY_CATALOG_URL=http://127.0.0.1:1 \
      QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:5432/$DB" "${env_store[@]}" ${SERVICE_ENV_ARR[@]+"${SERVICE_ENV_ARR[@]}"}
    curl -fsS -X PUT -H 'Content-Type: application/json' -H 'X-Actor: bench' -H "Authorization: $BENCH_AUTHORIZATION" -d "$POLICY" \
      "http://127.0.0.1:$port/api/policies/bench" >/dev/null
    GRANT=$(curl -fsS -X POST -H 'Content-Type: application/json' -H 'X-Actor: bench' -H "Authorization: $BENCH_AUTHORIZATION" \
      -d '{"name":"bench","server":"smartlead","policy":"bench"}' "http://127.0.0.1:$port/api/grants" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    echo "## counters: $store (grant $GRANT, policy bench: smartlead_list_campaigns limited to 1e8/minute)${SERVICE_ENV:+; service env: $SERVICE_ENV}; JVM: $SERVICE_JAVA_OPTS"
  fi
  stamp
  if [ -n "${JFR:-}" ]; then
    jcmd "${STARTED_PIDS[-1]}" JFR.start name=bench settings=profile duration=$((WARMUP + SECS + 5))s \
      filename="$LOGDIR/policy-$store.jfr" >/dev/null
  fi
  # Errors or unexpected decisions end the client with a non-zero status: report it after cleaning up.
  # shellcheck disable=SC2086 # word splitting intended: a list of JVM options
  java ${CLIENT_JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseTransparentHugePages} -cp "$CP" dev.mcpgateway.policy.bench.DecideLoad --target "127.0.0.1:$grpc_port" \
    --grant "$GRANT" --tool smartlead_list_campaigns --args '{"limit":10}' \
    --rate "$RATE" --seconds "$SECS" --warmup "$WARMUP" --deadline-ms "$DEADLINE_MS" --channels "$CHANNELS" --server-pid "${STARTED_PIDS[-1]}" --timeline "${TIMELINE:-false}" ${DUMP:+--dump "$DUMP-$store.txt"} ${CLIENT_ARGS:-} \
    || { rc=$?; echo "DecideLoad exited with status $rc (errors or unexpected decisions, see above)"; status=$rc; }
  stamp
  if [ "$store" = redis ]; then
    echo "redis keys written: $(redis-cli --scan --pattern "mcpg:bench:$$:*" | wc -l)"
    redis-cli --scan --pattern "mcpg:bench:$$:*" | xargs -r redis-cli del >/dev/null
  fi
  stop_started
done
"${PG[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
exit "$status"
