#!/usr/bin/env bash
# The machine's own latency floor, without any of our code: how late a thread wakes from a short sleep, and how
# long a busy thread goes without the CPU. Every service call crosses several such wake-ups (generator, client
# event loop, server event loop and back), so a p99 in the low milliseconds cannot go below what this prints.
#   bench/run-wakeup-floor.sh
# Environment: SECS [10] per measurement. Needs only python3; run it on a quiet machine, and alongside a
# benchmark to see what the load adds.
set -euo pipefail
SECS="${SECS:-10}"
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"   # stamp (with DAMON's state), PAUSE_DAMON
stamp
python3 - "$SECS" <<'PY'
import sys, time
secs = float(sys.argv[1])

def pct(v, p):
    return v[min(len(v) - 1, int(p / 100 * len(v)))]

# Wake-ups: sleep a fixed period again and again; the oversleep is the time the thread waited for a CPU
# (timer slack, idle vCPU wake-up, the host's scheduling of this VM).
for period_us in (200, 1000, 5000):
    late = []
    end = time.perf_counter() + secs
    while time.perf_counter() < end:
        t = time.perf_counter()
        time.sleep(period_us / 1e6)
        late.append((time.perf_counter() - t) * 1e3 - period_us / 1e3)
    late.sort()
    over = sum(1 for x in late if x > 1)
    print(f"sleep {period_us:>4} µs x {len(late):>6}: woke late by p50 {pct(late, 50):.3f}  p99 {pct(late, 99):.3f}"
          f"  p99.9 {pct(late, 99.9):.3f}  max {late[-1]:.3f} ms; {over} ({100 * over / len(late):.2f} %) over 1 ms")

# Gaps: a thread that never sleeps still loses the CPU now and then (kernel work, the host preempting the vCPU).
gaps = []
end = time.perf_counter_ns() + int(secs * 1e9)
last = time.perf_counter_ns()
while last < end:
    now = time.perf_counter_ns()
    if now - last > 200_000:
        gaps.append((now - last) / 1e6)
    last = now
gaps.sort()
lost = sum(gaps)
print(f"busy thread for {secs:.0f} s: {len(gaps)} gaps over 0.2 ms, {sum(1 for g in gaps if g > 1)} over 1 ms, "
      f"longest {gaps[-1] if gaps else 0:.3f} ms; {lost:.1f} ms lost ({lost / secs / 10:.2f} %)")
PY
