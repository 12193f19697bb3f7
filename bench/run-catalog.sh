#!/usr/bin/env bash
# Issue 5: (1) the cached tool-facts lookup policy-service does on every Decide (JMH,
# policy-service/src/bench/java/.../ToolFactsCacheBenchmark.java); (2) listing the 116 SmartLead
# tools over REST from the packaged catalog-service on a fresh database (mcp_bench_catalog, seeded at
# start), sequential requests on one keep-alive connection after a warm-up.
#   bench/run-catalog.sh
# Prints catalog-service's CPU time per request (from /proc/<pid>/stat): over warm-up + measured requests, and
# over a second pass of REQUESTS on the warm service.
# Environment: WARMUP [500] REQUESTS [2000] PARTS ["jmh rest"]; SKIP_COMPILE=1 skips the JMH compile.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
WARMUP="${WARMUP:-500}"; REQUESTS="${REQUESTS:-2000}"; PARTS="${PARTS:-jmh rest}"
DB=mcp_bench_catalog
LOGDIR="$ROOT/catalog-service/target/bench-logs"; mkdir -p "$LOGDIR"

stamp
if [[ " $PARTS " == *" jmh "* ]]; then
  echo "## policy-service ToolFactsCache.facts (JMH SampleTime, µs)"
  CPF="$ROOT/policy-service/target/bench-classpath.txt"
  if [ -z "${SKIP_COMPILE:-}" ] || [ ! -f "$CPF" ]; then
    (cd "$ROOT" && mvn -B -o -q -pl policy-service -am -Pbench test-compile dependency:build-classpath -DskipTests \
       -Dmdep.includeScope=test -Dmdep.outputFile="$CPF")
  fi
  # A private copy of the classes: other engineers' builds of policy-service rewrite target/classes.
  SNAP="$ROOT/policy-service/target/bench-snapshot-catalog"
  rm -rf "$SNAP"; mkdir -p "$SNAP"
  cp -r "$ROOT/policy-service/target/classes" "$SNAP/classes"
  cp -r "$ROOT/policy-service/target/test-classes" "$SNAP/test-classes"
  (cd "$ROOT/policy-service" && java -cp "$SNAP/test-classes:$SNAP/classes:$(cat "$CPF")" org.openjdk.jmh.Main \
     -rf text -rff target/jmh-toolfacts.txt ToolFactsCacheBenchmark)
  stamp
fi

if [[ " $PARTS " == *" rest "* ]]; then
  CP=$(bench_cp)
  fresh_db "$DB"
  port=$(free_port)
  start_service catalog-service "$port" "$LOGDIR/catalog.log" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:5432/$DB"
  URL="http://127.0.0.1:$port/api/tools?server=smartlead&size=500"
  n=$(curl -fsS -H "Authorization: $BENCH_AUTHORIZATION" "$URL" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["items"]), "of total", d.get("total"))')
  echo "## GET /api/tools?server=smartlead&size=500 ($n tools), $WARMUP warm-up + $REQUESTS sequential requests"
  stamp
  pid="${STARTED_PIDS[-1]}"; cpu0=$(cpu_seconds "$pid")
  java -Xmx256m -cp "$CP" dev.mcpgateway.bench.HttpLatency "$WARMUP" "$REQUESTS" "$URL"
  cpu1=$(cpu_seconds "$pid")
  echo "catalog-service CPU, warm-up included: $(python3 -c "print(f'{($cpu1 - $cpu0) * 1000 / ($WARMUP + $REQUESTS):.3f}')") ms per request ($cpu0 -> $cpu1 s over $((WARMUP + REQUESTS)) requests)"
  # The same requests again on the now warm service: the steady-state CPU cost of one list.
  cpu0=$(cpu_seconds "$pid")
  java -Xmx256m -cp "$CP" dev.mcpgateway.bench.HttpLatency 0 "$REQUESTS" "$URL" >/dev/null
  cpu1=$(cpu_seconds "$pid")
  echo "catalog-service CPU, warm: $(python3 -c "print(f'{($cpu1 - $cpu0) * 1000 / $REQUESTS:.3f}')") ms per request ($cpu0 -> $cpu1 s over $REQUESTS requests)"
  stamp
  stop_started
  "${PG[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
fi
