#!/usr/bin/env python3
"""Where the slow calls of a DecideLoad dump fall (bench/run-policy-grpc.sh with DUMP=path).

  bench/dump-stats.py episodes DUMP...
      calls over 1 ms, grouped into episodes (slow calls at most 25 calls, 5 ms at 5,000/s, apart)
  bench/dump-stats.py safepoints START_US PERIOD_US DUMP LOG...
      how many slow calls were due from 2 ms before to 8 ms after a safepoint in LOG, a JVM log written with
      -Xlog:gc,safepoint:file=LOG:timemillis; START_US and PERIOD_US are what DecideLoad prints on its "dump:" line

A dump has one line per call in send order: latency from the intended send time and from the actual one, in µs.
"""
import re
import sys

SLOW_US = 1000


def latencies(path):
    with open(path) as f:
        return [int(line.split()[0]) for line in f]


def episodes(path):
    lat = latencies(path)
    slow = [i for i, v in enumerate(lat) if v > SLOW_US]
    groups = []  # [first, last, count]
    for i in slow:
        if groups and i - groups[-1][1] <= 25:
            groups[-1][1] = i
            groups[-1][2] += 1
        else:
            groups.append([i, i, 1])
    sizes = sorted(g[2] for g in groups)
    big = [s for s in sizes if s >= 10]
    print(f"{path}: {len(lat)} calls, {len(slow)} over 1 ms ({100 * len(slow) / len(lat):.2f} %), "
          f"{len(groups)} episodes of median {sizes[len(sizes) // 2] if sizes else 0} calls "
          f"(largest {sizes[-1] if sizes else 0}); {len(big)} of 10 calls or more hold {sum(big)} slow calls")
    for first, last, count in sorted(groups, key=lambda g: -g[2])[:3]:
        print(f"  largest: call {first} ({count} slow calls over {last - first + 1} calls)")


def safepoints(start_us, period_us, path, logs):
    lat = latencies(path)
    end_ms = (start_us + len(lat) * period_us) / 1000
    slow = [i for i, v in enumerate(lat) if v > SLOW_US]
    for log in logs:
        windows = []
        with open(log) as f:
            for line in f:
                m = re.match(r'\[(\d+)ms\].*Safepoint "([^"]+)".*Total: (\d+) ns', line)
                if m and start_us / 1000 <= int(m.group(1)) <= end_ms:
                    at, pause = int(m.group(1)), int(m.group(3)) / 1e6
                    windows.append((at - pause - 2, at + 8, pause))
        near = sum(1 for i in slow
                   if any(a <= (start_us + i * period_us) / 1000 <= b for a, b, _ in windows))
        covered = sum(b - a for a, b, _ in windows)
        print(f"{log}: {len(windows)} safepoints ({sum(w[2] for w in windows):.1f} ms paused); "
              f"{near} of {len(slow)} slow calls were due near one; the windows cover "
              f"{100 * covered / (end_ms - start_us / 1000):.1f} % of the time")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "episodes":
        for p in sys.argv[2:]:
            episodes(p)
    elif len(sys.argv) >= 6 and sys.argv[1] == "safepoints":
        safepoints(int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5:])
    else:
        sys.exit(__doc__)
