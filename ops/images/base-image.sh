#!/usr/bin/env bash
# Builds the services' Java base image WITHOUT a registry or a Docker daemon, as a `docker save` style tar that Jib
# reads as `tar://...` (the `-Pimage` profile's default `jib.from.image`). Contents, from the machine's own JDK:
#   /opt/java          a jlink'ed Java runtime (every module of the JDK but the incubator ones; no debug symbols)
#   /usr/lib/...       exactly the shared libraries that runtime needs headless (ldd of java, libjvm and the JDK's
#                      own .so files, minus the X11/sound/font/smart-card ones), and the dynamic loader
#   /etc/passwd, group user and group 185 "jboss" (the chart runs as 185, as the UBI OpenJDK images do)
#   /etc/nsswitch.conf, /tmp (1777)
# No shell, no package manager. Env: JAVA_HOME=/opt/java, PATH=/opt/java/bin:/usr/bin:/bin, LANG=C.UTF-8.
#
#   ops/images/base-image.sh [OUT_TAR]     (default .run/images/jre-base.tar; reused when newer than the JDK)
# Needs: a JDK 17+ with jmods (Debian: openjdk-17-jdk-headless ships them), ldd, tar, sha256sum, python3.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
OUT="${1:-$REPO/.run/images/jre-base.tar}"
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
TAG="mcp-gateway/jre-base:$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ {print $2}' | tr '+' '_')"

say() { printf 'base-image: %s\n' "$*"; }
[ -d "$JAVA_HOME/jmods" ] || { say "no $JAVA_HOME/jmods: install the JDK's jmods (Debian: openjdk-17-jdk-headless)"; exit 1; }
if [ -f "$OUT" ] && [ "$OUT" -nt "$JAVA_HOME/lib/modules" ] && [ "$OUT" -nt "${BASH_SOURCE[0]}" ]; then
  say "$OUT is up to date ($TAG)"; exit 0
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/rootfs"
mkdir -p "$ROOT"/{opt,etc,tmp,usr/lib/x86_64-linux-gnu,usr/lib64,usr/bin}
chmod 1777 "$ROOT/tmp"
# Debian/Ubuntu "merged /usr" layout: /lib, /lib64 and /bin are links into /usr.
ln -s usr/lib "$ROOT/lib"; ln -s usr/lib64 "$ROOT/lib64"; ln -s usr/bin "$ROOT/bin"

modules=$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//' | grep -v '^jdk\.incubator\.' | paste -sd, -)
say "jlink $(tr ',' '\n' <<<"$modules" | wc -l) modules from $JAVA_HOME"
"$JAVA_HOME/bin/jlink" --module-path "$JAVA_HOME/jmods" --add-modules "$modules" --strip-debug --no-header-files \
  --no-man-pages --compress=2 --output "$ROOT/opt/java"

# Shared libraries of the runtime, headless: AWT's X11 toolkit, fonts, sound, splash screen, smart cards and colour
# management are only loaded by GUI, font rendering or smart-card code, which the services do not run.
skip='libawt_xawt|libfontmanager|libjsound|libsplashscreen|libj2pcsc|liblcms|libjavajpeg|libmlib_image'
libs=$( { ldd "$ROOT/opt/java/bin/java"; find "$ROOT/opt/java" -name '*.so' | grep -Ev "$skip" | xargs -n1 ldd; } 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/lib64\/ld-linux/ {print $1}' | grep -v "^$ROOT" | sort -u)
for lib in $libs; do
  # Keep the soname path (/lib/x86_64-linux-gnu/libc.so.6) under /usr, with the resolved file's content.
  dest="$ROOT/usr${lib#/usr}"
  mkdir -p "$(dirname "$dest")"
  cp -L "$lib" "$dest"
done
say "$(wc -w <<<"$libs") shared libraries: $(for l in $libs; do basename "$l"; done | paste -sd' ' -)"

cat >"$ROOT/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
jboss:x:185:185:service user:/tmp:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
PASSWD
cat >"$ROOT/etc/group" <<'GROUP'
root:x:0:
jboss:x:185:
nobody:x:65534:
GROUP
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$ROOT/etc/nsswitch.conf"

# One layer, reproducible (fixed owner and mtime), in the `docker save` layout Jib's tar:// base reads.
mkdir -p "$WORK/image"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='1970-01-01' -C "$ROOT" -cf "$WORK/image/layer.tar" .
digest=$(sha256sum "$WORK/image/layer.tar" | cut -d' ' -f1)
python3 - "$WORK/image" "$digest" "$TAG" <<'PY'
import json, sys
out, digest, tag = sys.argv[1:]
config = {
    "architecture": "amd64", "os": "linux", "created": "1970-01-01T00:00:00Z",
    "config": {"Env": ["JAVA_HOME=/opt/java", "PATH=/opt/java/bin:/usr/bin:/bin", "LANG=C.UTF-8"], "User": "185",
               "WorkingDir": "/"},
    "rootfs": {"type": "layers", "diff_ids": ["sha256:" + digest]},
    "history": [{"created": "1970-01-01T00:00:00Z", "created_by": "ops/images/base-image.sh: jlink runtime + its shared libraries"}],
}
json.dump(config, open(out + "/config.json", "w"))
json.dump([{"Config": "config.json", "RepoTags": [tag], "Layers": ["layer.tar"]}], open(out + "/manifest.json", "w"))
PY
mkdir -p "$(dirname "$OUT")"
tar --owner=0 --group=0 --numeric-owner --mtime='1970-01-01' -C "$WORK/image" -cf "$OUT.tmp" manifest.json config.json layer.tar
mv "$OUT.tmp" "$OUT"
say "$OUT ($TAG, $(du -h "$OUT" | cut -f1))"
