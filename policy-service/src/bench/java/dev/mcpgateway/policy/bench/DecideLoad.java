package dev.mcpgateway.policy.bench;

import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.Outcome;
import dev.mcpgateway.contracts.policy.v1.PolicyServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.contracts.policy.v1.SettleResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop gRPC {@code Decide} load against a running policy-service: calls are sent on a fixed
 * schedule (rate per second) whatever the answers do, and each latency is taken from the call's
 * <em>intended</em> send time, so a stalled server or a late generator shows up in the figures
 * instead of silently lowering the rate (no coordinated omission). The latency from the actual
 * send time is printed too, to tell generator lateness from service time.
 *
 * <p>Each call carries a deadline ({@code --deadline-ms}, default 2000: the proxy's {@code proxy.policy.deadline}),
 * as every real caller's does; a call past it counts as an error, and the server drops it instead of keeping it
 * queued forever. The warm-up climbs to the rate in five equal steps (20 %, 40 %, ... 100 %), so the JIT compiles
 * the serving path before the full rate arrives; only the measurement that follows is reported.
 *
 * <p>Like the proxy, the generator settles every decision that reserved quota ({@code skip_settle} false) as soon as
 * its answer arrives (outcome UPSTREAM_OK: the quota stays used), unless {@code --settle false}. Without it every
 * reservation stays held until its TTL (5 minutes): the server's heap then fills with a hundred thousand pending
 * reservations that no real caller leaves behind, and its young collections slow down with them.
 *
 * <p>The generator shares the machine's cores with the server, so it is kept lean: by default ({@code --sender loop})
 * one Netty event loop (epoll where available) sends each call at its time, reads the answers and sends the
 * Settles, with no hand-over between threads; {@code --sender thread} sends from the main thread instead, as earlier
 * runs did (each send then wakes the event loop that writes it). {@code --loops} sets the event loop threads,
 * {@code --transport nio} uses Java NIO instead of epoll.
 *
 * <pre>
 * java -cp ... dev.mcpgateway.policy.bench.DecideLoad --target 127.0.0.1:9081 --grant demo \
 *      --tool smartlead_list_campaigns --args '{}' --rate 5000 --seconds 20 --warmup 10 --channels 2
 * </pre>
 */
public final class DecideLoad {

    public static void main(String[] argv) {
        try {
            load(argv);
        } catch (Exception | Error e) {
            // The event loop's thread is not a daemon: without this the JVM, and the script waiting on it, would
            // stay up after a failed first call (service not serving, wrong grant) instead of reporting it.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void load(String[] argv) throws Exception {
        Map<String, String> a = parse(argv);
        String[] target = a.getOrDefault("target", "127.0.0.1:9081").split(":");
        String grant = a.getOrDefault("grant", "demo");
        String server = a.getOrDefault("server", "smartlead");
        String tool = a.getOrDefault("tool", "smartlead_list_campaigns");
        String args = a.getOrDefault("args", "{}");
        int rate = Integer.parseInt(a.getOrDefault("rate", "5000"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "10"));
        long deadlineMs = Long.parseLong(a.getOrDefault("deadline-ms", "2000"));
        int channelCount = Integer.parseInt(a.getOrDefault("channels", "2"));
        String expect = a.getOrDefault("expect", "ALLOW");
        boolean settle = Boolean.parseBoolean(a.getOrDefault("settle", "true"));
        // Optional: the server's pid on this machine, to print the CPU it spent per Decide (Linux /proc).
        long serverPid = Long.parseLong(a.getOrDefault("server-pid", "0"));

        boolean onLoop = a.getOrDefault("sender", "loop").equals("loop");
        int loops = Integer.parseInt(a.getOrDefault("loops", "1"));
        boolean epoll = !a.getOrDefault("transport", "epoll").equals("nio") && Epoll.isAvailable();
        EventLoopGroup group = epoll ? new EpollEventLoopGroup(loops) : new NioEventLoopGroup(loops);
        System.out.printf("client: %d %s event loop(s), sends from %s%n", loops, epoll ? "epoll" : "NIO",
                onLoop ? "an event loop" : "the main thread");
        List<ManagedChannel> channels = new ArrayList<>();
        List<PolicyServiceGrpc.PolicyServiceStub> stubs = new ArrayList<>();
        for (int i = 0; i < channelCount; i++) {
            ManagedChannel ch = NettyChannelBuilder.forAddress(target[0], Integer.parseInt(target[1]))
                    .eventLoopGroup(group).channelType(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .usePlaintext().directExecutor().build();
            channels.add(ch);
            stubs.add(PolicyServiceGrpc.newStub(ch));
        }
        DecideRequest base = DecideRequest.newBuilder().setGrantId(grant).setSessionId("bench-session")
                .setServer(server).setTool(tool).setArgumentsJson(ByteString.copyFrom(args, StandardCharsets.UTF_8))
                .build();

        // One synchronous call first: fail fast with a readable message when the setup is wrong.
        DecideResponse first = PolicyServiceGrpc.newBlockingStub(channels.get(0)).decide(base);
        System.out.printf("first Decide: %s rule=%s reason=%s limit_remaining=%d%n",
                first.getDecision(), first.getRule(), first.getReason(), first.getLimitRemaining());
        if (!first.getDecision().name().equals(expect)) {
            throw new IllegalStateException("expected " + expect + " but got " + first.getDecision());
        }

        if (warmup > 0) {
            System.out.printf("warm-up: up to %d Decides/s over %d s, in five steps%n", rate, warmup);
            for (int step = 1; step <= 5; step++) {
                Result w = run(stubs, base, Math.max(1, rate * step / 5), Math.max(1, warmup / 5), expect, deadlineMs, settle,
                        onLoop ? group.next() : null);
                System.out.printf("  warm-up step %d/5: %d Decides/s, %d errors%n", step, Math.max(1, rate * step / 5), w.errors.get());
            }
        }
        System.out.printf("measure: %d Decides/s for %d s over %d HTTP/2 channel(s)%s%n", rate, seconds, channelCount,
                settle ? ", each reserving Decide followed by its Settle" : ", no Settle");
        String per = settle ? "per Decide (with its Settle)" : "per Decide";
        long self = ProcessHandle.current().pid();
        long cpu0 = cpuTicks(serverPid);
        long loops0 = eventLoopTicks(serverPid);
        long own0 = cpuTicks(self);
        Result r = run(stubs, base, rate, seconds, expect, deadlineMs, settle, onLoop ? group.next() : null);
        long cpu1 = cpuTicks(serverPid);
        long loops1 = eventLoopTicks(serverPid);
        long own1 = cpuTicks(self);
        r.print();
        if (Boolean.parseBoolean(a.getOrDefault("timeline", "false"))) {
            r.timeline(rate);
        }
        if (a.containsKey("dump")) {
            // One line per call in send order: latency from intended and from actual send time, in µs (for plots).
            // Call i was due at the printed start plus i periods: that lines the dump up with -Xlog's utcmillis.
            System.out.printf("dump: %s, first call due at %d µs since the epoch, one every %.3f µs%n",
                    a.get("dump"), r.startEpochMicros, 1e6 / rate);
            try (java.io.PrintWriter w = new java.io.PrintWriter(a.get("dump"), StandardCharsets.UTF_8)) {
                for (int i = 0; i < r.fromIntended.length; i++) {
                    w.println(r.fromIntended[i] / 1000 + " " + r.fromSent[i] / 1000);
                }
            }
        }
        if (own0 >= 0 && own1 >= 0) {
            // The generator shares the cores with the server: its own cost per call is part of the picture.
            System.out.printf("client CPU: %.2f s = %.0f µs %s (this load generator, all threads)%n",
                    (own1 - own0) / 100.0, (own1 - own0) * 1e4 / r.fromIntended.length, per);
        }
        if (cpu0 >= 0 && cpu1 >= 0) {
            // Ticks are 1/100 s on Linux (USER_HZ); the figure holds whatever the machine's load.
            double cpuSeconds = (cpu1 - cpu0) / 100.0;
            System.out.printf("server CPU: %.2f s for %d Decides = %.0f µs %s (all threads: event loops, GC, JIT)%n",
                    cpuSeconds, r.fromIntended.length, cpuSeconds * 1e6 / r.fromIntended.length, per);
        }
        if (loops0 >= 0 && loops1 >= 0) {
            // The serving path alone (no GC, JIT or background threads): the steadiest figure on a busy machine.
            System.out.printf("server event loops CPU: %.0f µs %s%n", (loops1 - loops0) * 1e4 / r.fromIntended.length, per);
        }
        for (ManagedChannel ch : channels) {
            ch.shutdown().awaitTermination(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (r.errors.get() > 0 || r.unexpected.get() > 0 || r.settleErrors.get() > 0) {
            System.exit(2);
        }
    }

    /** utime + stime of a process in clock ticks, or -1 when unknown. */
    private static long cpuTicks(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime of the process' Vert.x event-loop threads in clock ticks, or -1 when unknown. */
    private static long eventLoopTicks(long pid) {
        if (pid <= 0) {
            return -1;
        }
        long sum = 0;
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/" + pid + "/task"))) {
            for (java.nio.file.Path t : (Iterable<java.nio.file.Path>) tasks::iterator) {
                try {
                    String stat = java.nio.file.Files.readString(t.resolve("stat"));
                    // comm is cut to 15 characters: "vert.x-eventloo" (policy-service), "nioEventLoopGro" (NullPolicyServer)
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.startsWith("vert.x-eventloo") || comm.startsWith("nioEventLoopGro")) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (java.io.IOException e) {
                    // the thread ended meanwhile
                }
            }
            return sum;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Latency slot of a call that never got an answer. */
    static final long UNANSWERED = Long.MAX_VALUE;

    static final class Result {
        final long[] fromIntended;
        final long[] fromSent;
        final AtomicLong errors = new AtomicLong();
        final AtomicLong unexpected = new AtomicLong();
        final AtomicLong settles = new AtomicLong();
        final AtomicLong settleErrors = new AtomicLong();
        final Map<String, AtomicLong> byDecision = new HashMap<>();
        long elapsedNanos;
        long maxSendLagNanos;
        /** Wall-clock time of the first call's intended send, to line the dump up with other logs (GC, perf). */
        long startEpochMicros;

        Result(int n) {
            fromIntended = new long[n];
            fromSent = new long[n];
            Arrays.fill(fromIntended, UNANSWERED);
            Arrays.fill(fromSent, UNANSWERED);
            for (Decision d : Decision.values()) {
                byDecision.put(d.name(), new AtomicLong());
            }
        }

        void print() {
            int n = fromIntended.length;
            long unanswered = Arrays.stream(fromIntended).filter(v -> v == UNANSWERED).count();
            System.out.printf("sent %d in %.2f s = %.0f/s (send rate); errors %d, not the expected decision %d, "
                    + "unanswered %d; %s%n", n, elapsedNanos / 1e9, n / (elapsedNanos / 1e9), errors.get(),
                    unexpected.get(), unanswered, counts());
            if (settles.get() > 0 || settleErrors.get() > 0) {
                System.out.printf("settled %d (errors %d)%n", settles.get(), settleErrors.get());
            }
            System.out.printf("generator: latest send %.3f ms after its intended time%n", maxSendLagNanos / 1e6);
            line("latency from intended send time", fromIntended);
            line("latency from actual send time  ", fromSent);
        }

        /** Per second of the measurement: calls over 1 ms and the slowest, to tell steady queueing from stalls. */
        void timeline(int rate) {
            for (int from = 0; from < fromIntended.length; from += rate) {
                int to = Math.min(fromIntended.length, from + rate);
                long over = 0;
                long max = 0;
                for (int i = from; i < to; i++) {
                    over += fromIntended[i] > 1_000_000 ? 1 : 0;
                    max = Math.max(max, fromIntended[i]);
                }
                System.out.printf("  second %d: %d over 1 ms, max %s ms%n", from / rate + 1, over, ms(max));
            }
        }

        private String counts() {
            StringBuilder sb = new StringBuilder();
            byDecision.forEach((k, v) -> {
                if (v.get() > 0) {
                    sb.append(k).append('=').append(v.get()).append(' ');
                }
            });
            return sb.toString().trim();
        }

        private static void line(String label, long[] values) {
            long[] s = values.clone();
            Arrays.sort(s);
            // Unanswered calls sort last and count as infinitely late: they never hide in a percentile.
            System.out.printf("%s (ms): p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%n", label,
                    pct(s, 50), pct(s, 90), pct(s, 99), pct(s, 99.9), ms(s[s.length - 1]));
        }

        private static String pct(long[] sorted, double p) {
            int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return ms(sorted[Math.max(0, Math.min(sorted.length - 1, idx))]);
        }

        private static String ms(long nanos) {
            return nanos == UNANSWERED ? "unanswered" : String.format("%.3f", nanos / 1e6);
        }
    }

    /**
     * Sends {@code rate * seconds} Decides on schedule and waits for their answers. With a {@code loop} the sends run
     * on that event loop (a task that sends what is due, then schedules itself for the next call's time); without,
     * the calling thread sends and parks between calls.
     */
    private static Result run(List<PolicyServiceGrpc.PolicyServiceStub> stubs, DecideRequest base, int rate,
                              int seconds, String expect, long deadlineMs, boolean settle, EventLoop loop)
            throws InterruptedException {
        int n = rate * seconds;
        Result r = new Result(n);
        CountDownLatch done = new CountDownLatch(n);
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        r.startEpochMicros = System.currentTimeMillis() * 1000 + (start - System.nanoTime()) / 1000;
        Sender sender = new Sender(stubs, base, expect, deadlineMs, settle, r, done, start, period);
        if (loop != null) {
            CountDownLatch allSent = new CountDownLatch(1);
            Runnable tick = new Runnable() {
                @Override
                public void run() {
                    if (sender.sendDue(System.nanoTime()) < n) {
                        loop.schedule(this, sender.nextAt() - System.nanoTime(), TimeUnit.NANOSECONDS);
                    } else {
                        allSent.countDown();
                    }
                }
            };
            loop.schedule(tick, start - System.nanoTime(), TimeUnit.NANOSECONDS);
            allSent.await();
        } else {
            while (sender.sendDue(System.nanoTime()) < n) {
                long wait = sender.nextAt() - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
        r.elapsedNanos = System.nanoTime() - start;
        if (!done.await(30, TimeUnit.SECONDS)) {
            System.err.println("timed out waiting for " + done.getCount() + " answers");
        }
        return r;
    }

    /** Sends call i at start + i * period; used by one thread at a time. */
    private static final class Sender {
        private final List<PolicyServiceGrpc.PolicyServiceStub> stubs;
        private final DecideRequest base;
        private final String expect;
        private final long deadlineMs;
        private final boolean settle;
        private final Result r;
        private final CountDownLatch done;
        private final long start;
        private final long period;
        private final int n;
        private int i;

        Sender(List<PolicyServiceGrpc.PolicyServiceStub> stubs, DecideRequest base, String expect, long deadlineMs,
               boolean settle, Result r, CountDownLatch done, long start, long period) {
            this.stubs = stubs;
            this.base = base;
            this.expect = expect;
            this.deadlineMs = deadlineMs;
            this.settle = settle;
            this.r = r;
            this.done = done;
            this.start = start;
            this.period = period;
            this.n = r.fromIntended.length;
        }

        long nextAt() {
            return start + i * period;
        }

        /** Sends every call whose time has come (catching up after a late wake-up); returns how many were sent. */
        int sendDue(long now) {
            while (i < n && nextAt() <= now) {
                send(i, nextAt());
                i++;
                now = System.nanoTime();
            }
            return i;
        }

        private void send(int slot, long intended) {
            long sent = System.nanoTime();
            r.maxSendLagNanos = Math.max(r.maxSendLagNanos, sent - intended);
            stubs.get(slot % stubs.size()).withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS).decide(base, new StreamObserver<>() {
                @Override
                public void onNext(DecideResponse resp) {
                    long end = System.nanoTime();
                    r.fromIntended[slot] = end - intended;
                    r.fromSent[slot] = end - sent;
                    r.byDecision.get(resp.getDecision().name()).incrementAndGet();
                    if (!resp.getDecision().name().equals(expect)) {
                        r.unexpected.incrementAndGet();
                    }
                    if (settle && !resp.getSkipSettle()) {
                        settle(stubs.get(slot % stubs.size()), resp.getDecisionId(), deadlineMs, r);
                    }
                }

                @Override
                public void onError(Throwable t) {
                    long end = System.nanoTime();
                    r.fromIntended[slot] = end - intended;
                    r.fromSent[slot] = end - sent;
                    if (r.errors.incrementAndGet() <= 5) {
                        System.err.println("Decide failed: " + t);
                    }
                    done.countDown();
                }

                @Override
                public void onCompleted() {
                    done.countDown();
                }
            });
        }
    }

    /** Commits the decision's reservation as the proxy does once the upstream answered; not timed. */
    private static void settle(PolicyServiceGrpc.PolicyServiceStub stub, String decisionId, long deadlineMs, Result r) {
        SettleRequest req = SettleRequest.newBuilder().setDecisionId(decisionId).setOutcome(Outcome.UPSTREAM_OK).build();
        stub.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS).settle(req, new StreamObserver<>() {
            @Override
            public void onNext(SettleResponse resp) {
                r.settles.incrementAndGet();
            }

            @Override
            public void onError(Throwable t) {
                if (r.settleErrors.incrementAndGet() <= 5) {
                    System.err.println("Settle failed: " + t);
                }
            }

            @Override
            public void onCompleted() {
            }
        });
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + argv[i]);
            }
            m.put(argv[i].substring(2), argv[i + 1]);
        }
        return m;
    }
}
