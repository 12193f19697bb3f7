#!/usr/bin/env python3
"""Where a JVM allocates, from a JFR recording's jdk.ObjectAllocationSample events.

  jcmd <pid> JFR.start settings=profile duration=20s filename=/tmp/x.jfr     # during a benchmark
  jfr print --json --events jdk.ObjectAllocationSample /tmp/x.jfr > /tmp/x.json
  bench/jfr-alloc.py /tmp/x.json [CAP_BYTES]

Prints the share of the sampled weight per allocated class, per top-of-stack path (7 frames), and per first frame
in our code (dev.mcpgateway). A sample's weight is what its thread allocated since its previous sample, so a
thread's first sample after the recording starts carries everything it allocated before: weights are capped at
CAP_BYTES [4000000] so that one such sample cannot stand for half the recording.
"""
import collections
import json
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cap = int(sys.argv[2]) if len(sys.argv) > 2 else 4_000_000
    events = json.load(open(sys.argv[1]))['recording']['events']
    by_class, by_path, by_ours = collections.Counter(), collections.Counter(), collections.Counter()
    for e in events:
        v = e['values']
        w = min(v['weight'], cap)
        frames = v['stackTrace']['frames'] if v.get('stackTrace') else []
        names = [f['method']['type']['name'].split('/')[-1] + '.' + f['method']['name'] for f in frames]
        by_class[v['objectClass']['name'].split('/')[-1]] += w
        by_path[' < '.join(names[:7])] += w
        ours = [n for f, n in zip(frames, names) if 'mcpgateway' in f['method']['type']['name']]
        by_ours[ours[0] if ours else '(none of ours)'] += w
    total = sum(by_class.values())
    print('%d samples, %.1f MB of capped weight' % (len(events), total / 1e6))
    for title, counter, n in (('by class', by_class, 10), ('by path', by_path, 14), ('by first frame of ours', by_ours, 14)):
        print('--- ' + title)
        for k, w in counter.most_common(n):
            print('%5.1f%% %s' % (100 * w / total, k))


if __name__ == '__main__':
    main()
