#!/usr/bin/env bash
# Builds the services' container images without a Docker daemon: Jib (Maven profile `image`) writes
# <module>/target/jib-image.tar for each module given (default: the five images the Helm chart runs).
#
#   ops/images/build.sh [MODULE...]
# Environment: IMAGE_BASE (default: the tar ops/images/base-image.sh assembles from the local JDK; any Java 17+
# image with java on its PATH when a registry is reachable), IMAGE_REGISTRY (e.g. "registry.example.com/", with the
# slash), IMAGE_TAG (default the chart's appVersion). Extra Maven arguments: MVN_ARGS.
# Load or push a tar with any daemonless tool: skopeo copy docker-archive:<tar> docker://<registry>/<name>:<tag>,
# crane push, kind load image-archive; or push directly with `mvn -Pimage ... package jib:build` (k8s/README.md).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
MODULES=("$@")
[ ${#MODULES[@]} -gt 0 ] || MODULES=(proxy-service policy-service catalog-service audit-service demo-upstream)

args=(-B -Pimage -DskipTests)
if [ -n "${IMAGE_BASE:-}" ]; then
  args+=("-Dimage.base=$IMAGE_BASE")
else
  bash "$HERE/base-image.sh"
fi
[ -n "${IMAGE_REGISTRY:-}" ] && args+=("-Dimage.registry=$IMAGE_REGISTRY")
[ -n "${IMAGE_TAG:-}" ] && args+=("-Dimage.tag=$IMAGE_TAG")
# shellcheck disable=SC2206
args+=(${MVN_ARGS:-})

cd "$REPO"
mvn "${args[@]}" -pl "$(IFS=,; echo "${MODULES[*]}")" -am verify
for m in "${MODULES[@]}"; do
  tar="$m/target/jib-image.tar"
  [ -f "$tar" ] || { echo "build.sh: $tar was not written" >&2; exit 1; }
  tag=$(tar -xOf "$tar" manifest.json | python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin)[0]["RepoTags"]))')
  printf '%-16s %s  %s  %s\n' "$m" "$tar" "$(du -h "$tar" | cut -f1)" "$tag"
done
