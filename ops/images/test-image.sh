#!/usr/bin/env bash
# Test of a service's container image built without a Docker daemon: builds the base image (base-image.sh) and the
# module's image (`mvn -Pimage`, Jib to target/jib-image.tar), checks the image's config, unpacks its layers in order
# into a root filesystem and runs it as a container runtime would, with no runtime at hand: in a private mount
# namespace, chrooted, as user 185, with the root filesystem read-only and a tmpfs on /tmp (the chart's security
# context), the image's own Env and Entrypoint. Then `java -version` must work and the service must answer
# /q/health/ready, /q/health and /q/metrics. Prints PASS/FAIL lines and "N passed, M failed"; exits non-zero on failure.
#
#   ops/images/test-image.sh [MODULE]     (default demo-upstream: it needs no Kafka or PostgreSQL)
# Environment: IMAGE_TEST_PORT [first free from 36500] the service's HTTP port; IMAGE_TEST_ENV: more KEY=VALUE words
# for the service (e.g. a datasource URL for catalog-service); IMAGE_TAR: test this tar instead of building one;
# IMAGE_SKIP_BUILD=1: use the module's existing target/jib-image.tar.
# Needs root (chroot, mount namespaces), unshare, curl, python3, Maven and a JDK with jmods.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
MODULE="${1:-demo-upstream}"
passed=0; failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /'; }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

WORK="$(mktemp -d)"
APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ]; then
    # The service runs as the child of `unshare` (env, chroot and java exec in turn): stop it, then unshare ends.
    local java_pid; java_pid=$(pgrep -P "$APP_PID" | head -1)
    [ -n "$java_pid" ] && kill "$java_pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
    [ -n "$java_pid" ] && kill -9 "$java_pid" 2>/dev/null
    wait "$APP_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

[ "$(id -u)" = 0 ] || { fail "running as root (chroot and mount namespaces need it)"; finish; }

# ------------------------------------------------------------------------------------------------ build
TAR="${IMAGE_TAR:-$REPO/$MODULE/target/jib-image.tar}"
if [ -z "${IMAGE_TAR:-}" ] && [ "${IMAGE_SKIP_BUILD:-0}" != 1 ]; then
  if out="$(bash "$HERE/base-image.sh" 2>&1)"; then pass "base image: $(tail -1 <<<"$out" | sed 's/^base-image: //')"
  else fail "base image (ops/images/base-image.sh)" "$out"; finish; fi
  if out="$(cd "$REPO" && mvn -B -q -Pimage -DskipTests -pl "$MODULE" -am verify 2>&1)" && [ -f "$TAR" ]; then
    pass "mvn -Pimage -pl $MODULE -am verify wrote $MODULE/target/jib-image.tar ($(du -h "$TAR" | cut -f1))"
  else
    fail "mvn -Pimage -pl $MODULE -am verify" "$(tail -40 <<<"$out")"; finish
  fi
fi
[ -f "$TAR" ] || { fail "image tar $TAR exists"; finish; }

# ------------------------------------------------------------------------------------------------ config
mkdir -p "$WORK/image" "$WORK/rootfs"
tar --warning=no-unknown-keyword -xf "$TAR" -C "$WORK/image" || { fail "unpack $TAR"; finish; }
# One line per fact the rest of the test uses: layers in order, then Env, then the entrypoint (NUL-free, tab-separated).
python3 - "$WORK/image" >"$WORK/config.txt" <<'PY' || { fail "read manifest.json and the image config" "$(cat "$WORK/config.txt")"; finish; }
import json, sys, os
d = sys.argv[1]
manifest = json.load(open(os.path.join(d, "manifest.json")))
assert len(manifest) == 1, "one image in the tar"
cfg = json.load(open(os.path.join(d, manifest[0]["Config"])))
c = cfg["config"]
print("tags\t" + " ".join(manifest[0].get("RepoTags") or []))
print("user\t" + str(c.get("User", "")))
print("workdir\t" + str(c.get("WorkingDir", "")))
print("entrypoint\t" + "\t".join(c.get("Entrypoint") or []))
print("cmd\t" + "\t".join(c.get("Cmd") or []))
for e in c.get("Env") or []:
    print("env\t" + e)
for l in manifest[0]["Layers"]:
    print("layer\t" + l)
print("diffids\t" + str(len(cfg["rootfs"]["diff_ids"])))
PY
field() { awk -F'\t' -v k="$1" '$1 == k {sub(/^[^\t]*\t/, ""); print}' "$WORK/config.txt"; }
layers=$(field layer | wc -l)
ENTRY="$(field entrypoint)"
[ "$(field user)" = 185 ] && pass "image runs as user 185" || fail "image runs as user 185" "User is '$(field user)'"
[ "$ENTRY" = "$(printf 'java\t-jar\t/deployments/quarkus-run.jar')" ] \
  && pass "entrypoint: java -jar /deployments/quarkus-run.jar" || fail "entrypoint java -jar /deployments/quarkus-run.jar" "is: $ENTRY"
[ "$layers" -ge 4 ] && [ "$(field diffids)" = "$layers" ] \
  && pass "$layers layers (base + dependencies, Quarkus runtime, application), tagged $(field tags)" \
  || fail "at least 4 layers, as many diff_ids" "$layers layers, $(field diffids) diff_ids"

# ------------------------------------------------------------------------------------------------ rootfs
while IFS= read -r layer; do
  tar --warning=no-unknown-keyword -xf "$WORK/image/$layer" -C "$WORK/rootfs" || { fail "extract layer $layer"; finish; }
done < <(field layer)
[ -f "$WORK/rootfs/deployments/quarkus-run.jar" ] && [ -d "$WORK/rootfs/deployments/lib/main" ] && [ ! -e "$WORK/rootfs/app" ] \
  && pass "fast-jar at /deployments (quarkus-run.jar, lib/, quarkus/, app/), no Jib /app" \
  || fail "fast-jar at /deployments and no /app" "$(ls -la "$WORK/rootfs" "$WORK/rootfs/deployments" 2>&1)"
# What a container runtime provides: /proc, /dev, /etc/hosts and /etc/resolv.conf bind-mounted, /tmp writable.
mkdir -p "$WORK/rootfs/proc" "$WORK/rootfs/dev" "$WORK/rootfs/tmp"
touch "$WORK/rootfs/etc/hosts" "$WORK/rootfs/etc/resolv.conf"

field env >"$WORK/env"
CHROOT="$(command -v chroot || echo /usr/sbin/chroot)"
# Runs "$@" chrooted in the image as user 185 with only the image's Env (plus the lines of $ENV_FILE), a read-only root
# and a tmpfs /tmp, in a mount namespace of its own: every mount disappears with the process. It execs: call it in a
# subshell.
in_container() {
  exec unshare --mount --propagation private --fork -- bash -c '
    root=$1; chroot_bin=$2; env_file=$3; shift 3
    mount --bind "$root" "$root" && mount -o remount,bind,ro "$root" \
    && mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" \
    && mount -t tmpfs -o mode=1777 tmpfs "$root/tmp" \
    && mount --bind /etc/hosts "$root/etc/hosts" && mount --bind /etc/resolv.conf "$root/etc/resolv.conf" \
    || { echo "mounts failed"; exit 97; }
    mapfile -t image_env <"$env_file"
    cd / && exec env -i "${image_env[@]}" "$chroot_bin" --userspec=185:185 "$root" "$@"' \
    in-container "$WORK/rootfs" "$CHROOT" "${ENV_FILE:-$WORK/env}" "$@"
}

if out="$(in_container java -version 2>&1)" && grep -q '^openjdk version' <<<"$out"; then
  pass "java -version in the image as 185: $(grep '^openjdk version' <<<"$out")"
else
  fail "java -version in the image" "$out"; finish
fi

# ------------------------------------------------------------------------------------------------ run the service
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT="${IMAGE_TEST_PORT:-}"
if [ -z "$PORT" ]; then for p in $(seq 36500 36599); do port_open "$p" || { PORT=$p; break; }; done; fi
read -r -a entry <<<"$(tr '\t' ' ' <<<"$ENTRY")"
{ cat "$WORK/env"; echo "QUARKUS_HTTP_PORT=$PORT"; echo "QUARKUS_HTTP_HOST=127.0.0.1"; [ -z "${IMAGE_TEST_ENV:-}" ] || printf '%s\n' $IMAGE_TEST_ENV; } >"$WORK/env.run"
(ENV_FILE="$WORK/env.run" in_container "${entry[@]}") >"$WORK/app.log" 2>&1 &
APP_PID=$!
ready=""
for _ in $(seq 1 180); do
  [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$PORT/q/health/ready")" = 200 ] && { ready=1; break; }
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 1
done
if [ -n "$ready" ]; then
  pass "$MODULE started from the image (read-only root, user 185) and is ready on :$PORT"
  health="$(curl -s -m 5 "http://127.0.0.1:$PORT/q/health")"
  grep -q '"status": *"UP"' <<<"$health" && pass "GET /q/health: UP" || fail "GET /q/health: UP" "$health"
  code=$(curl -s -o "$WORK/metrics" -m 5 -w '%{http_code}' "http://127.0.0.1:$PORT/q/metrics")
  [ "$code" = 200 ] && grep -q '^jvm_' "$WORK/metrics" && pass "GET /q/metrics: Prometheus text" || fail "GET /q/metrics" "HTTP $code"
else
  fail "$MODULE ready on :$PORT within 180 s" "$(tail -30 "$WORK/app.log")"
fi
finish
