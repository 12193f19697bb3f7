#!/usr/bin/env bash
# The gateway's CPU cost per proxied tools/call: CPU-seconds each service of a running stack spends
# during a closed-loop run of a fixed duration, divided by the calls answered. Unlike latency, this
# figure holds on a busy machine (the CPU a process is charged does not grow while it waits for a core).
#   bench/run-proxy-cpu.sh                 against a running stack (./gateway up)
# Environment: GW_RUN_DIR [.run/dev]: the stack's run dir (its pid files name the processes measured,
#   and its operator admin token creates the grant); GW_PROXY_PORT [8080] GW_POLICY_PORT [8081];
#   CONCURRENCY [16] callers for SECS [20] s, after a warm-up of WARMUP_SECS [10] s and SECS of idle (background CPU).
#   RATE=N: measure at a fixed N calls/s instead (open loop): per-call CPU falls as throughput rises (more work
#   per wake-up), so before/after comparisons on a busy machine are fairer at one fixed rate both can sustain.
# Prints, per part: the run's CPU-seconds, its idle CPU rate, and CPU per call raw and net of that idle rate.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
RUN_DIR="${GW_RUN_DIR:-$ROOT/.run/dev}"
PROXY="http://127.0.0.1:${GW_PROXY_PORT:-8080}"
POLICY="http://127.0.0.1:${GW_POLICY_PORT:-8081}"
CONC="${CONCURRENCY:-16}"; SECS_="${SECS:-20}"; WARM="${WARMUP_SECS:-10}"
CP="$(bench_cp)"
ADMIN="${GATEWAY_OPERATOR_TOKEN:-$(cat "$RUN_DIR/operator-tokens/admin" 2>/dev/null || true)}"
[ -n "$ADMIN" ] || { echo "no operator token: set GW_RUN_DIR (the stack's) or GATEWAY_OPERATOR_TOKEN" >&2; exit 1; }
TOOL=smartlead_get_campaign
ARGS='{"campaign_id":3001}'
PARTS=(proxy policy audit demo)
# The broker too when this stack started it: every call's decision event goes through it.
[ -f "$RUN_DIR/pids/kafka.pid" ] && PARTS+=(kafka)

TOKEN=$(allow_all_grant "$POLICY" "$ADMIN")

# CPU-seconds (user + system) of one part of the stack, by the pid `./gateway up` recorded (never by
# process name: other stacks on the same machine run the same jars).
cpu_of() { awk '{printf "%.2f", ($14+$15)/100}' "/proc/$(cat "$RUN_DIR/pids/$1.pid")/stat"; }

# CLIENT [vertx]: the generator's HTTP client (vertx or jdk, see run-proxy-overhead.sh).
load() { mcp_load "$CP" "$@"; }
stamp
echo "# warm-up, $CONC callers for $WARM s"
load throughput "$PROXY/mcp/smartlead" "$CONC" "$WARM" "$TOOL" "$ARGS" "$TOKEN" >/dev/null
# What each part spends doing nothing for as long (timers, Kafka polls, metrics): shown, and taken off the run's
# CPU in the "net" column, so a slower run is not charged more background per call.
declare -A idle0 idle1 before after
for p in "${PARTS[@]}"; do idle0[$p]=$(cpu_of "$p"); done
t0=$(date +%s.%N); sleep "$SECS_"; t1=$(date +%s.%N)
for p in "${PARTS[@]}"; do idle1[$p]=$(cpu_of "$p"); before[$p]=$(cpu_of "$p"); done
if [ -n "${RATE:-}" ]; then echo "# measured: $RATE calls/s (open loop) for $SECS_ s"; else echo "# measured: $CONC callers (closed loop) for $SECS_ s"; fi
r0=$(date +%s.%N)
if [ -n "${RATE:-}" ]; then
  out=$(load rate "$PROXY/mcp/smartlead" "$RATE" "$SECS_" "$TOOL" "$ARGS" "$TOKEN"); echo "$out"
  calls=$(sed -n 's/.* calls=\([0-9]*\).*/\1/p' <<<"$out")
else
  out=$(load throughput "$PROXY/mcp/smartlead" "$CONC" "$SECS_" "$TOOL" "$ARGS" "$TOKEN"); echo "$out"
  calls=$(sed -n 's/.* total=\([0-9]*\).*/\1/p' <<<"$out")
fi
r1=$(date +%s.%N)
for p in "${PARTS[@]}"; do after[$p]=$(cpu_of "$p"); done
echo "part    run CPU-s  idle CPU-s/s  per call (raw)  per call (net of idle)   [$calls calls]"
for p in "${PARTS[@]}"; do
  awk -v p="$p" -v b="${before[$p]}" -v a="${after[$p]}" -v i0="${idle0[$p]}" -v i1="${idle1[$p]}" -v n="$calls" \
      -v idle_s="$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')" -v run_s="$(awk -v a="$r0" -v b="$r1" 'BEGIN{print b-a}')" \
    'BEGIN { rate = (i1-i0)/idle_s; printf "%-7s %9.2f  %12.3f  %11.1f µs  %18.1f µs\n", p, a-b, rate, 1e6*(a-b)/n, 1e6*((a-b)-rate*run_s)/n }'
done
stamp
