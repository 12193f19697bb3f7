#!/usr/bin/env bash
# Scrape test of the Grafana dashboards: a real Prometheus (Debian's `prometheus` package) scrapes a RUNNING
# stack every second while a short load runs (the end-to-end tests in e2e/), then every query of every panel
# of k8s/mcp-gateway/dashboards/*.json is run against it and must return data (a non-empty vector holding a
# number). Prints PASS/FAIL per query and one closing line "N passed, M failed"; exits non-zero on any failure.
#
# Needs: a running stack (./gateway up, or the test stack of ./gateway test), node >= 20, and prometheus
# (installed with apt-get when missing; root is needed for that). Prometheus runs on a free port with its
# storage in a temporary directory, and is stopped on exit.
#
# Environment (defaults in brackets):
#   GW_HOST [127.0.0.1]  GW_PROXY_PORT [8080] GW_POLICY_PORT [8081] GW_CATALOG_PORT [8082] GW_AUDIT_PORT [8083]
#   GW_DEMO_PORT [8090]  GW_RUN_DIR [.run/dev]: where the stack keeps demo-token (or set GW_TOKEN)
#   GW_PROMETHEUS_PORT [first free port from 19090]
#   GW_SCRAPE_LOAD [e2e]: e2e runs the end-to-end tests as the load; mixed runs e2e/lib/mixed-load.mjs
#   (allowed, denied and rate-limited calls for LOAD_SECONDS, default 15); none runs no load (the stack must have
#                  had traffic within the last minute)
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
DASHBOARDS="$REPO/k8s/mcp-gateway/dashboards"
HOST="${GW_HOST:-127.0.0.1}"
PROXY_PORT="${GW_PROXY_PORT:-8080}"
POLICY_PORT="${GW_POLICY_PORT:-8081}"
CATALOG_PORT="${GW_CATALOG_PORT:-8082}"
AUDIT_PORT="${GW_AUDIT_PORT:-8083}"
DEMO_PORT="${GW_DEMO_PORT:-8090}"
RUN_DIR="${GW_RUN_DIR:-$REPO/.run/dev}"
LOAD="${GW_SCRAPE_LOAD:-e2e}"
# The loads call operator APIs with the stack's operator tokens (./gateway writes them under the run dir).
OP_DIR="$RUN_DIR/operator-tokens"
export GW_ADMIN_TOKEN="${GW_ADMIN_TOKEN:-$(cat "$OP_DIR/admin" 2>/dev/null || true)}"
export GW_APPROVER_TOKEN="${GW_APPROVER_TOKEN:-$(cat "$OP_DIR/approver" 2>/dev/null || true)}"
export GW_VIEWER_TOKEN="${GW_VIEWER_TOKEN:-$(cat "$OP_DIR/viewer" 2>/dev/null || true)}"
export GATEWAY_OPERATOR_TOKEN="${GATEWAY_OPERATOR_TOKEN:-$GW_ADMIN_TOKEN}"

say() { printf 'scrape-test: %s\n' "$*"; }
die() { printf 'scrape-test: %s\n0 passed, 1 failed\n' "$*"; exit 1; }

WORK="$(mktemp -d)"
PROM_PID=""
cleanup() {
  if [ -n "$PROM_PID" ] && kill -0 "$PROM_PID" 2>/dev/null; then
    kill "$PROM_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$PROM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$PROM_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# ---------------------------------------------------------------------------------------------- tools
command -v node >/dev/null 2>&1 || die "node (>= 20) is required"
if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1; then
  say "prometheus not installed: installing Debian's prometheus package"
  { apt-get install -y prometheus || { apt-get update && apt-get install -y prometheus; }; } >"$WORK/apt.log" 2>&1 \
    || { cat "$WORK/apt.log"; die "could not install prometheus (apt-get install -y prometheus)"; }
fi

# ---------------------------------------------------------------------------------------------- the stack
declare -A TARGETS=([proxy]=$PROXY_PORT [policy]=$POLICY_PORT [catalog]=$CATALOG_PORT [audit]=$AUDIT_PORT [demo]=$DEMO_PORT)
for job in proxy policy catalog audit demo; do
  code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://$HOST:${TARGETS[$job]}/q/metrics") || true
  [ "$code" = 200 ] || die "$job does not answer http://$HOST:${TARGETS[$job]}/q/metrics (HTTP $code): start the stack first (./gateway up)"
done

# ---------------------------------------------------------------------------------------------- prometheus
PROM_PORT="${GW_PROMETHEUS_PORT:-}"
if [ -z "$PROM_PORT" ]; then
  for p in $(seq 19090 19190); do port_open 127.0.0.1 "$p" || { PROM_PORT=$p; break; }; done
  [ -n "$PROM_PORT" ] || die "no free port in 19090-19190 for Prometheus"
fi
{
  echo "global:"
  echo "  scrape_interval: 1s"
  echo "  scrape_timeout: 1s"
  echo "  evaluation_interval: 1s"
  echo "scrape_configs:"
  for job in proxy policy catalog audit demo; do
    echo "  - job_name: $job"
    echo "    metrics_path: /q/metrics"
    echo "    static_configs:"
    echo "      - targets: ['$HOST:${TARGETS[$job]}']"
  done
} >"$WORK/prometheus.yml"
promtool check config "$WORK/prometheus.yml" >"$WORK/check.log" 2>&1 || { cat "$WORK/check.log"; die "generated config invalid"; }

PROM_URL="http://127.0.0.1:$PROM_PORT"
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" --log.level=warn >"$WORK/prometheus.log" 2>&1 &
PROM_PID=$!
say "prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}') on $PROM_URL (pid $PROM_PID), scraping every 1s"
for _ in $(seq 1 60); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$PROM_URL/-/ready" 2>/dev/null)" = 200 ] && break
  kill -0 "$PROM_PID" 2>/dev/null || { cat "$WORK/prometheus.log"; die "prometheus exited"; }
  sleep 0.5
done
up_count() { curl -s "$PROM_URL/api/v1/query" --data-urlencode 'query=count(up == 1)' \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{const r=JSON.parse(s).data.result;console.log(r.length?r[0].value[1]:0)}catch(e){console.log(0)}})'; }
for _ in $(seq 1 30); do [ "$(up_count)" = 5 ] && break; sleep 1; done
[ "$(up_count)" = 5 ] || { curl -s "$PROM_URL/api/v1/targets" | head -c 3000; echo; die "not all five targets are up in Prometheus"; }
say "all five services scraped"

# ---------------------------------------------------------------------------------------------- load
case "$LOAD" in
  e2e)
    TOKEN="${GW_TOKEN:-$(cat "$RUN_DIR/demo-token" 2>/dev/null || true)}"
    [ -n "$TOKEN" ] || die "no demo token: set GW_TOKEN or GW_RUN_DIR (looked in $RUN_DIR/demo-token)"
    if [ ! -d "$REPO/e2e/node_modules" ]; then
      (cd "$REPO/e2e" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 \
        || { cat "$WORK/npm.log"; die "npm ci in e2e failed"; }
    fi
    say "load: the end-to-end tests (e2e/test)"
    # The load only has to produce traffic; its own verdict belongs to ./gateway test, so it is shown, not counted.
    if (cd "$REPO/e2e" && GW_MCP_URL="http://$HOST:$PROXY_PORT/mcp/smartlead" GW_TOKEN="$TOKEN" \
        GW_AUDIT_URL="http://$HOST:$AUDIT_PORT" GW_CATALOG_URL="http://$HOST:$CATALOG_PORT" \
        GW_POLICY_URL="http://$HOST:$POLICY_PORT" GW_DEMO_URL="http://$HOST:$DEMO_PORT" \
        timeout 300 node --test test/ >"$WORK/load.log" 2>&1); then
      say "load done ($(grep -E '^# (pass|fail) ' "$WORK/load.log" | tr '\n' ' '))"
    else
      say "WARNING: the end-to-end tests failed during the load (the panels are still checked):"
      grep -E '^# (pass|fail) |^not ok' "$WORK/load.log" | sed 's/^/    /'
    fi
    ;;
  mixed)
    # Allowed, denied, rate-limited and failing calls for a few seconds (e2e/lib/mixed-load.mjs): every
    # rate() in the dashboards then has fresh samples, without re-running the end-to-end tests.
    TOKEN="${GW_TOKEN:-$(cat "$RUN_DIR/demo-token" 2>/dev/null || true)}"
    [ -n "$TOKEN" ] || die "no demo token: set GW_TOKEN or GW_RUN_DIR (looked in $RUN_DIR/demo-token)"
    [ -d "$REPO/e2e/node_modules" ] || (cd "$REPO/e2e" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 \
      || { cat "$WORK/npm.log"; die "npm ci in e2e failed"; }
    GW_MCP_URL="http://$HOST:$PROXY_PORT/mcp/smartlead" GW_TOKEN="$TOKEN" GW_POLICY_URL="http://$HOST:$POLICY_PORT" \
      timeout 120 node "$REPO/e2e/lib/mixed-load.mjs" || die "the mixed load failed"
    ;;
  none) say "load: none (GW_SCRAPE_LOAD=none)" ;;
  *) die "GW_SCRAPE_LOAD must be e2e, mixed or none, not '$LOAD'" ;;
esac

# A few more scrapes, so every counter the load touched has samples after its last increase.
sleep 4

# ---------------------------------------------------------------------------------------------- panels
say "running every dashboard query against $PROM_URL"
node "$HERE/dashboards.js" check "$DASHBOARDS" "$PROM_URL"
status=$?
if [ "$status" -ne 0 ] && [ -s "$WORK/prometheus.log" ]; then
  say "prometheus log:"; tail -20 "$WORK/prometheus.log" | sed 's/^/    /'
fi
exit "$status"
