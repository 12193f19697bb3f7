#!/usr/bin/env bash
# The gateway's cost per tools/call: the same load generator and the same upstream (demo-upstream),
# in one run, first directly and then through the gateway with an allow-all policy.
#   bench/run-proxy-overhead.sh            against a running stack (./gateway up)
# Environment: GW_PROXY_PORT [8080] GW_POLICY_PORT [8081] GW_DEMO_PORT [8090]
#   GW_RUN_DIR [.run/dev]: the stack's run dir, for its operator admin token (or set GATEWAY_OPERATOR_TOKEN)
#   RATE [500] calls/s for SECS [20]; CONCURRENCY [16] for the throughput runs of THROUGHPUT_SECONDS [15].
#   (SECS, not SECONDS: bash's own SECONDS counts the script's run time and would silently win.)
#   WARMUP_SECS [30]: calls at 200/s through the gateway (and a third of that directly) before anything is measured:
#   a fresh proxy's JIT needs about a minute of traffic (its first runs were 3-4x slower).
#   CLIENT [vertx]: the generator's HTTP client, vertx (~0.5 ms CPU per call) or jdk (java.net.http, ~1.2 ms: the
#   client of the figures before 2026-11-25). Both runs of one invocation use the same client.
# An upstream that takes time, as real ones do: start the stack with DEMO_HTTP_TOOL_LATENCY=20ms ./gateway up
# (demo-upstream then holds each tools/call answer back 20 ms; docs/benchmarks.md).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
PROXY="http://127.0.0.1:${GW_PROXY_PORT:-8080}"
POLICY="http://127.0.0.1:${GW_POLICY_PORT:-8081}"
DEMO="http://127.0.0.1:${GW_DEMO_PORT:-8090}"
RATE="${RATE:-500}"; SECONDS_="${SECS:-20}"; CONC="${CONCURRENCY:-16}"; TSEC="${THROUGHPUT_SECONDS:-15}"
WARM="${WARMUP_SECS:-30}"; CLIENT="${CLIENT:-vertx}"
CP="$(bench_cp)"
ADMIN="${GATEWAY_OPERATOR_TOKEN:-$(cat "${GW_RUN_DIR:-$ROOT/.run/dev}/operator-tokens/admin" 2>/dev/null || true)}"
[ -n "$ADMIN" ] || { echo "no operator token: set GW_RUN_DIR (the stack's) or GATEWAY_OPERATOR_TOKEN" >&2; exit 1; }
TOOL=smartlead_get_campaign
ARGS='{"campaign_id":3001}'

TOKEN=$(allow_all_grant "$POLICY" "$ADMIN")

load() { mcp_load "$CP" "$@"; }
stamp
echo "# client: $CLIENT; warm-up: $WARM s through the gateway, $((WARM / 3 + 1)) s directly, at 200 calls/s"
load rate "$DEMO/mcp" 200 $((WARM / 3 + 1)) "$TOOL" "$ARGS" >/dev/null
load rate "$PROXY/mcp/smartlead" 200 "$WARM" "$TOOL" "$ARGS" "$TOKEN" >/dev/null
echo "# latency at $RATE calls/s for $SECONDS_ s (first second not counted)"
direct=$(load rate "$DEMO/mcp" "$RATE" "$SECONDS_" "$TOOL" "$ARGS"); echo "direct:  $direct"
gateway=$(load rate "$PROXY/mcp/smartlead" "$RATE" "$SECONDS_" "$TOOL" "$ARGS" "$TOKEN"); echo "gateway: $gateway"
echo "# closed-loop throughput, $CONC concurrent callers for $TSEC s"
tdirect=$(load throughput "$DEMO/mcp" "$CONC" "$TSEC" "$TOOL" "$ARGS"); echo "direct:  $tdirect"
tgateway=$(load throughput "$PROXY/mcp/smartlead" "$CONC" "$TSEC" "$TOOL" "$ARGS" "$TOKEN"); echo "gateway: $tgateway"

stamp
field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" <<<"$1"; }
awk -v d50="$(field "$direct" p50)" -v g50="$(field "$gateway" p50)" -v d99="$(field "$direct" p99)" -v g99="$(field "$gateway" p99)" \
    -v dt="$(field "$tdirect" throughput)" -v gt="$(field "$tgateway" throughput)" 'BEGIN {
  printf "added latency: median %.3f ms, p99 %.3f ms; throughput through the gateway: %.0f%% of direct\n", g50-d50, g99-d99, 100*gt/dt }'
