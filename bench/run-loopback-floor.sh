#!/usr/bin/env bash
# The request/response floor of this machine without any JVM: a C client sends 64-byte messages over one loopback
# TCP connection at a fixed rate (open loop, latency from each message's intended send time) to a C server that
# echoes them. It crosses the same wake-ups as a Decide (sender, server, receiver), so no service on this machine
# answers at a given rate with a tail below what this prints; bench/run-policy-grpc.sh STORES=null adds the JVM,
# HTTP/2 and grpc-java on top of it (docs/benchmarks.md, "The machine's floor").
#   bench/run-loopback-floor.sh
# Environment: RATES ["1000 5000"] messages/s, SECS [20] each (the first second is not counted). Needs gcc.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
command -v gcc >/dev/null || { echo "gcc is needed (Debian: apt-get install gcc)" >&2; exit 1; }
BIN="$(mktemp -d)/pingpong"
gcc -O2 -pthread -o "$BIN" "$ROOT/bench/floor/pingpong.c"
stamp
for rate in ${RATES:-1000 5000}; do
  read -r port <<< "$(free_ports 1)"
  "$BIN" serve "$port" & server=$!
  "$BIN" call "$port" "$rate" "${SECS:-20}"
  wait "$server"
done
stamp
rm -rf "$(dirname "$BIN")"
