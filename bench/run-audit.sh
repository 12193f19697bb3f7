#!/usr/bin/env bash
# Issue 6, three parts against the packaged audit-service on a fresh database (mcp_bench_audit) and
# fresh Kafka topics/group (bench.audit.<run>, its own DLQ topic):
#  ingest  COUNT [100000] DecisionEventV1 records are produced first, then audit-service starts and
#          drains the backlog; rows/s from the first to the last row stored (ingested_at), and by
#          wall clock from polling count(*).
#  lag     RATE [1000] events/s for LAG_SECONDS [30], each event's timestamp = its send time; lag per
#          row = ingested_at - occurred_at (same host clock).
#  query   the table is emptied and 1,000,000 rows are bulk-loaded with generate_series, then
#          QUERIES [300] sequential requests (after 50 warm-up) per filter on GET /api/audit/events;
#          each filter's plan (EXPLAIN ANALYZE of the equivalent SQL) is printed first: the index it uses.
# audit-service is repackaged first when its sources (or the contracts') are newer than its jar, so the
# figures are always those of the checked-out code.
#   bench/run-audit.sh
# Environment: COUNT RATE LAG_SECONDS QUERIES PARTITIONS [1] PARTS ["ingest lag query"] KAFKA [127.0.0.1:9092]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
COUNT="${COUNT:-100000}"; RATE="${RATE:-1000}"; LAG_SECONDS="${LAG_SECONDS:-30}"; QUERIES="${QUERIES:-300}"
PARTITIONS="${PARTITIONS:-1}"; PARTS="${PARTS:-ingest lag query}"; KAFKA="${KAFKA:-127.0.0.1:9092}"
DB=mcp_bench_audit; RUN="$(date +%s)"; TOPIC="bench.audit.$RUN"
LOGDIR="$ROOT/audit-service/target/bench-logs"; mkdir -p "$LOGDIR"
CP=$(bench_cp)
jar="$ROOT/audit-service/target/quarkus-app/quarkus-run.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/audit-service/src/main" "$ROOT/audit-service/pom.xml" "$ROOT/contracts/src/main" -newer "$jar" | head -1)" ]; then
  echo "packaging audit-service (sources newer than $jar)" >&2
  (cd "$ROOT" && mvn -B -o -q -pl audit-service -am package -DskipTests) >&2
fi
sql() { "${PG[@]}" -d "$DB" -c "$1"; }
produce() { java -Xmx256m -cp "$CP" dev.mcpgateway.bench.DecisionEventLoad "$KAFKA" "$TOPIC" "$PARTITIONS" "$@"; }

stamp
fresh_db "$DB"
if [[ " $PARTS " == *" ingest "* ]]; then
  echo "## ingest: $COUNT records produced to $TOPIC ($PARTITIONS partition(s)) before audit-service starts"
  produce bulk "$COUNT"
fi
port=$(free_port)
start_service audit-service "$port" "$LOGDIR/audit.log" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:5432/$DB" KAFKA_BOOTSTRAP_SERVERS="$KAFKA" \
  MP_MESSAGING_INCOMING_DECISIONS_TOPIC="$TOPIC" MP_MESSAGING_INCOMING_DECISIONS_GROUP_ID="bench-audit-$RUN" \
  MP_MESSAGING_OUTGOING_DECISIONS_DLQ_TOPIC="$TOPIC.dlq" AUDIT_RETENTION_EVERY=off

# CPU-seconds (user + system) the service has used so far, from /proc/<pid>/stat (robust to a busy machine).
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
svc_pid="${STARTED_PIDS[${#STARTED_PIDS[@]}-1]}"

if [[ " $PARTS " == *" ingest "* ]]; then
  stamp
  # CPU per row over the drain after readiness (start-up CPU left out; rows stored before it are too).
  cpu0=$(cpu_seconds "$svc_pid"); rows0=$(sql "SELECT count(*) FROM audit_event")
  first=""; n=0
  for _ in $(seq 1 6000); do
    n=$(sql "SELECT count(*) FROM audit_event")
    now=$(date +%s.%N)
    [ -z "$first" ] && [ "$n" -gt 0 ] && first=$now && firstn=$n
    [ "$n" -ge "$COUNT" ] && break
    sleep 0.2
  done
  [ "$n" -ge "$COUNT" ] || { echo "only $n of $COUNT rows stored" >&2; exit 1; }
  cpu1=$(cpu_seconds "$svc_pid")
  awk -v a="$first" -v b="$now" -v n="$((n - firstn))" 'BEGIN { printf "wall clock (count(*) polled every 0.2 s): %d rows in %.2f s = %.0f rows/s\n", n, b-a, n/(b-a) }'
  awk -v c0="$cpu0" -v c1="$cpu1" -v n="$((n - rows0))" 'BEGIN { if (n > 0) printf "audit-service CPU: %.2f s for %d rows after readiness = %.1f CPU-ms per 1,000 rows\n", c1-c0, n, (c1-c0)*1e6/n; else print "audit-service CPU: every row was stored before readiness; raise COUNT" }'
  sql "SELECT format('ingested_at: %s rows, first to last %s s = %s rows/s', count(*),
         round(extract(epoch FROM max(ingested_at) - min(ingested_at))::numeric, 2),
         round(count(*) / nullif(extract(epoch FROM max(ingested_at) - min(ingested_at)), 0)::numeric))
       FROM audit_event"
  stamp
fi

if [[ " $PARTS " == *" lag "* ]]; then
  echo "## lag: $RATE events/s for $LAG_SECONDS s, timestamp = send time"
  out=$(produce rate "$RATE" "$LAG_SECONDS"); echo "$out"
  run=$(sed -n 's/.* run=\([a-z0-9]*\).*/\1/p' <<<"$out")
  expected=$((RATE * LAG_SECONDS))
  for _ in $(seq 1 300); do
    n=$(sql "SELECT count(*) FROM audit_event WHERE decision_id LIKE 'bench-$run-%'")
    [ "$n" -ge "$expected" ] && break; sleep 0.2
  done
  # ingested_at defaults to now(): the start of the inserting transaction; the row is queryable at its
  # commit, later by the batch's insert time (audit_ingest_batch_seconds on /q/metrics, printed below).
  sql "SELECT format('rows %s; lag (ms) p50 %s p90 %s p99 %s p99.9 %s max %s', count(*),
         round(percentile_cont(0.5)  WITHIN GROUP (ORDER BY l)::numeric, 1),
         round(percentile_cont(0.9)  WITHIN GROUP (ORDER BY l)::numeric, 1),
         round(percentile_cont(0.99) WITHIN GROUP (ORDER BY l)::numeric, 1),
         round(percentile_cont(0.999) WITHIN GROUP (ORDER BY l)::numeric, 1), round(max(l)::numeric, 1))
       FROM (SELECT extract(epoch FROM ingested_at - occurred_at) * 1000 AS l FROM audit_event
             WHERE decision_id LIKE 'bench-$run-%') t"
  curl -fsS "http://127.0.0.1:$port/q/metrics" | grep -E '^audit_ingest_batch_seconds_(count|sum|max)' || true
  stamp
fi

if [[ " $PARTS " == *" query "* ]]; then
  echo "## query: 1,000,000 rows (generate_series), 30 days, 50 tools, 4 decisions (APPROVAL_REQUIRED 2%, DENY 13%)"
  t0=$(date +%s)
  sql "TRUNCATE audit_event"
  sql "INSERT INTO audit_event (decision_id, event_version, occurred_at, grant_id, grant_name, session_id, server, tool,
         tool_risk, tool_category, decision, enforced, reason, rule, policy_id, policy_version, argument_keys,
         arguments, masked_paths, upstream_outcome, upstream_latency_ms, total_latency_ms)
       SELECT 'q-' || i, 1, timestamptz '2026-10-01 00:00:00+00' + (i * interval '2.592 second'),
         'grant-' || (i % 20), 'grant ' || (i % 20), 'session-' || (i % 5000), 'smartlead', 'smartlead_tool_' || (i % 50),
         (ARRAY['low','medium','high','critical'])[1 + i % 4], 'read',
         CASE WHEN i % 47 = 0 THEN 'APPROVAL_REQUIRED' WHEN i % 47 < 4 THEN 'RATE_LIMITED'
              WHEN i % 47 < 10 THEN 'DENY' ELSE 'ALLOW' END,
         true, 'bench row ' || i, '/tools/x', 'bench', 1, '[\"campaign_id\"]'::jsonb,
         jsonb_build_object('campaign_id', i % 5000), '[]'::jsonb, 'OK', 12, 14
       FROM generate_series(1, 1000000) AS i"
  sql "ANALYZE audit_event"
  echo "loaded $(sql 'SELECT count(*) FROM audit_event') rows in $(( $(date +%s) - t0 )) s"
  B="http://127.0.0.1:$port/api/audit/events"
  # Each request and the WHERE clause audit-service renders for it (EventFilter), for the plan.
  queries=("tool=smartlead_tool_7&decision=DENY&limit=100|tool = 'smartlead_tool_7' AND decision = 'DENY'"
           "tool=smartlead_tool_7&decision=APPROVAL_REQUIRED&limit=100|tool = 'smartlead_tool_7' AND decision = 'APPROVAL_REQUIRED'"
           "from=2026-10-15T00:00:00Z&to=2026-10-15T06:00:00Z&limit=100|occurred_at >= '2026-10-15T00:00:00Z' AND occurred_at < '2026-10-15T06:00:00Z'"
           "from=2026-10-15T00:00:00Z&to=2026-10-16T00:00:00Z&tool=smartlead_tool_7&decision=DENY&limit=100|occurred_at >= '2026-10-15T00:00:00Z' AND occurred_at < '2026-10-16T00:00:00Z' AND tool = 'smartlead_tool_7' AND decision = 'DENY'")
  for entry in "${queries[@]}"; do
    q=${entry%%|*}; where=${entry#*|}
    echo "GET /api/audit/events?$q"
    sql "EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM audit_event WHERE $where
         ORDER BY occurred_at DESC, decision_id DESC LIMIT 101" | grep -E 'Scan|Sort Key|Execution Time' | sed 's/^/  plan: /'
    java -Xmx256m -cp "$CP" dev.mcpgateway.bench.HttpLatency 50 "$QUERIES" "$B?$q"
  done
  stamp
fi
stop_started
"${PG[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
