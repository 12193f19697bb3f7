package dev.mcpgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives {@code tools/call} against one MCP Streamable HTTP endpoint.
 *
 * <pre>
 *   McpLoad rate URL RATE SECONDS TOOL ARGS_JSON [TOKEN]        open loop: latency at a fixed call rate
 *   McpLoad throughput URL CONCURRENCY SECONDS TOOL ARGS_JSON [TOKEN]   closed loop: calls per second
 * </pre>
 *
 * Open-loop latency is measured from each call's intended start, so a stalled server cannot hide
 * its queueing (no coordinated omission). Prints one line of figures; the first second is warm-up.
 */
public final class McpLoad {

    private final Transport http;
    private final URI url;
    private final String token;
    private final String tool;
    private final String argsJson;
    private String sessionId;
    private String protocolVersion = "2025-11-25";
    private final AtomicLong ids = new AtomicLong(1);

    McpLoad(URI url, String token, String tool, String argsJson) {
        this.http = "jdk".equals(System.getProperty("mcpload.client", "vertx")) ? new JdkTransport() : new VertxTransport(url);
        this.url = url;
        this.token = token;
        this.tool = tool;
        this.argsJson = argsJson;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: McpLoad rate|throughput URL RATE_OR_CONCURRENCY SECONDS TOOL ARGS_JSON [TOKEN]");
            System.exit(2);
        }
        try {
            McpLoad load = new McpLoad(URI.create(args[1]), args.length > 6 ? args[6] : null, args[4], args[5]);
            load.initialize();
            int n = Integer.parseInt(args[2]);
            int seconds = Integer.parseInt(args[3]);
            switch (args[0]) {
                case "rate" -> load.openLoop(n, seconds);
                case "throughput" -> load.closedLoop(n, seconds);
                default -> {
                    System.err.println("unknown mode " + args[0]);
                    System.exit(2);
                }
            }
        } catch (Exception e) {
            // Exit instead of leaving the client's non-daemon threads to keep the JVM (and the script) waiting.
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    void initialize() throws Exception {
        String init = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + protocolVersion + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"mcp-load\",\"version\":\"1\"}}}";
        Reply res = send(init);
        if (res.status() != 200) {
            throw new IllegalStateException("initialize: HTTP " + res.status() + ": " + res.body());
        }
        sessionId = res.sessionId();
        Reply ack = send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        if (ack.status() / 100 != 2) {
            throw new IllegalStateException("notifications/initialized: HTTP " + ack.status());
        }
        // One call up front: a refusal or a schema error is a setup mistake, not a figure.
        Reply first = send(callBody());
        if (!succeeded(first)) {
            throw new IllegalStateException("the first tools/call did not succeed: HTTP " + first.status() + ": " + first.body());
        }
    }

    private Reply send(String body) throws Exception {
        return http.post(body, token, sessionId, protocolVersion).get(15, TimeUnit.SECONDS);
    }

    private static boolean succeeded(Reply r) {
        return r.status() == 200 && !r.body().contains("\"isError\":true") && !r.body().contains("\"error\"");
    }

    private String callBody() {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + ids.incrementAndGet() + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool + "\",\"arguments\":" + argsJson + "}}";
    }

    CompletableFuture<Boolean> call() {
        return http.post(callBody(), token, sessionId, protocolVersion).thenApply(McpLoad::succeeded).exceptionally(t -> false);
    }

    /** What came back: status, body, and the session id an initialize answer carries. */
    record Reply(int status, String body, String sessionId) {
    }

    /** One POST of a JSON-RPC body with the MCP headers; completes with the reply, or exceptionally after 10 s. */
    interface Transport {
        CompletableFuture<Reply> post(String body, String token, String sessionId, String protocolVersion);

        /** Runs {@code tick} every millisecond until closed (the open loop's clock). */
        default AutoCloseable everyMillisecond(Runnable tick) {
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            ticker.scheduleAtFixedRate(tick, 50, 1, TimeUnit.MILLISECONDS);
            return ticker::shutdownNow;
        }
    }

    /**
     * The JDK's HttpClient, as the figures before 2026-11-25 were taken (-Dmcpload.client=jdk). It costs the
     * generator ~1 ms of CPU per call, which on two shared cores is taken from the services under test.
     */
    final class JdkTransport implements Transport {
        private final HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4))
                .build();

        @Override
        public CompletableFuture<Reply> post(String body, String token, String sessionId, String protocolVersion) {
            HttpRequest.Builder b = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (token != null) b.header("Authorization", "Bearer " + token);
            if (sessionId != null) {
                b.header("Mcp-Session-Id", sessionId);
                b.header("MCP-Protocol-Version", protocolVersion);
            }
            return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> new Reply(r.statusCode(), r.body(), r.headers().firstValue("mcp-session-id").orElse(null)));
        }
    }

    void openLoop(int rate, int seconds) throws Exception {
        long periodNanos = 1_000_000_000L / rate;
        int total = rate * seconds;
        int warmup = rate; // the first second
        long[] latencies = new long[total];
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> inflight = new ArrayList<>(total);
        long start = System.nanoTime() + 50_000_000L;
        AtomicInteger issued = new AtomicInteger();
        CompletableFuture<Void> allIssued = new CompletableFuture<>();
        AutoCloseable ticker = http.everyMillisecond(() -> {
            long now = System.nanoTime();
            // Issue every call whose intended time has come (catches up after a scheduler hiccup).
            while (issued.get() < total) {
                int i = issued.get();
                long intended = start + i * periodNanos;
                if (intended > now) break;
                issued.incrementAndGet();
                synchronized (inflight) {
                    inflight.add(call().thenAccept(ok -> {
                        latencies[i] = System.nanoTime() - intended;
                        if (!ok) failures.incrementAndGet();
                    }));
                }
            }
            if (issued.get() >= total) allIssued.complete(null);
        });
        allIssued.get(seconds + 60L, TimeUnit.SECONDS);
        ticker.close();
        CompletableFuture<?>[] all;
        synchronized (inflight) {
            all = inflight.toArray(new CompletableFuture<?>[0]);
        }
        CompletableFuture.allOf(all).get(60, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        long[] measured = Arrays.copyOfRange(latencies, warmup, total);
        Arrays.sort(measured);
        System.out.printf(Locale.ROOT,
                "mode=rate url=%s rate=%d/s calls=%d achieved=%.0f/s failures=%d p50=%.3fms p90=%.3fms p99=%.3fms p999=%.3fms max=%.3fms%n",
                url, rate, total, total / (elapsed / 1e9), failures.get(),
                ms(pct(measured, 50)), ms(pct(measured, 90)), ms(pct(measured, 99)), ms(pct(measured, 99.9)),
                ms(measured[measured.length - 1]));
    }

    void closedLoop(int concurrency, int seconds) throws Exception {
        long warmupEnd = System.nanoTime() + 1_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        AtomicLong all = new AtomicLong();
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            CompletableFuture<Void> finished = new CompletableFuture<>();
            loop(end, warmupEnd, done, all, failures, finished);
            workers.add(finished);
        }
        CompletableFuture.allOf(workers.toArray(new CompletableFuture<?>[0])).get(seconds + 60L, TimeUnit.SECONDS);
        // total: every call answered, the warm-up second included (what CPU time read around the whole run paid for).
        System.out.printf(Locale.ROOT, "mode=throughput url=%s concurrency=%d seconds=%d calls=%d throughput=%.0f/s failures=%d total=%d%n",
                url, concurrency, seconds, done.get(), done.get() / (double) seconds, failures.get(), all.get());
    }

    private void loop(long end, long warmupEnd, AtomicLong done, AtomicLong all, AtomicInteger failures,
                      CompletableFuture<Void> finished) {
        if (System.nanoTime() >= end) {
            finished.complete(null);
            return;
        }
        call().thenAccept(ok -> {
            long now = System.nanoTime();
            all.incrementAndGet();
            if (now > warmupEnd && now <= end) {
                done.incrementAndGet();
                if (!ok) failures.incrementAndGet();
            }
            loop(end, warmupEnd, done, all, failures, finished);
        });
    }

    static long pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
