#!/usr/bin/env python3
"""Per-thread CPU of a JVM over time, to line bursts of one thread (C2, GC, a consumer) up with slow calls.

  bench/thread-cpu.py PATTERN OUT [INTERVAL_MS [MIN_MS]]

Waits for a java process whose command line contains PATTERN (start it before the benchmark, e.g.
`bench/thread-cpu.py bench-quarkus-app /tmp/threads.txt &` for bench/run-policy-grpc.sh's policy-service), then
every INTERVAL_MS [100] writes one line to OUT: the wall-clock time (s since the epoch, as DecideLoad's "dump:"
line gives the first call's) and each thread name (threads of one name summed) that ran more than MIN_MS [2] ms
in that interval, from /proc/<pid>/task/*/schedstat (ns). It ends when the process does. Reading /proc costs a few
ms of CPU per interval: a run measured with it running is not a figure on its own.
"""
import collections
import glob
import os
import sys
import time


def find(pattern):
    me = '/proc/%d' % os.getpid()
    for p in glob.glob('/proc/[0-9]*'):
        try:
            cmd = open(p + '/cmdline', 'rb').read().decode(errors='replace')
        except OSError:
            continue
        if p != me and os.path.basename(cmd.split('\0')[0]) == 'java' and pattern in cmd:
            return p
    return None


def threads(proc):
    cpu = {}
    for t in os.listdir(proc + '/task'):
        try:
            ns = int(open(f'{proc}/task/{t}/schedstat').read().split()[0])
            cpu[t] = (ns, open(f'{proc}/task/{t}/comm').read().strip().replace(' ', '_'))
        except (OSError, ValueError):
            pass
    return cpu


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    pattern, out = sys.argv[1], sys.argv[2]
    interval = float(sys.argv[3]) / 1000 if len(sys.argv) > 3 else 0.1
    min_ns = float(sys.argv[4]) * 1e6 if len(sys.argv) > 4 else 2e6
    proc = None
    while proc is None:
        proc = find(pattern)
        time.sleep(0.2)
    prev = {}
    with open(out, 'w') as f:
        while os.path.exists(proc):
            now = time.time()
            try:
                cur = threads(proc)
            except OSError:
                break
            used = collections.Counter()
            for t, (ns, name) in cur.items():
                if t in prev:
                    used[name] += ns - prev[t][0]
            prev = cur
            busy = sorted(((n, v) for n, v in used.items() if v > min_ns), key=lambda x: -x[1])
            if busy:
                f.write('%.3f %s\n' % (now, ' '.join('%s=%.1fms' % (n, v / 1e6) for n, v in busy)))
                f.flush()
            time.sleep(interval)


if __name__ == '__main__':
    main()
