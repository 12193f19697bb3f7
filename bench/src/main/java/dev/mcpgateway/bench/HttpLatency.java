package dev.mcpgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Sequential REST latency: one keep-alive connection, one request at a time (the way an operator UI
 * or policy-service's catalog client calls), warm-up requests first, then percentiles of the
 * measured ones. Several URLs are requested round robin.
 *
 * <pre>
 * java -cp bench.jar dev.mcpgateway.bench.HttpLatency WARMUP REQUESTS URL [URL...]
 * </pre>
 * Prints one line: {@code requests=.. p50=.. p90=.. p99=.. p999=.. max=.. (ms) bytes=..}.
 * Exits 2 when any answer is not 200.
 */
public final class HttpLatency {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: HttpLatency WARMUP REQUESTS URL [URL...]");
            System.exit(64);
        }
        int warmup = Integer.parseInt(args[0]);
        int requests = Integer.parseInt(args[1]);
        HttpRequest[] reqs = new HttpRequest[args.length - 2];
        // The operator APIs need a bearer token: bench/lib/common.sh exports one for the services it starts.
        String authorization = System.getenv("BENCH_AUTHORIZATION");
        for (int i = 2; i < args.length; i++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(args[i])).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(30));
            if (authorization != null && !authorization.isBlank()) {
                b.header("Authorization", authorization);
            }
            reqs[i - 2] = b.GET().build();
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long bytes = 0;
        for (int i = 0; i < warmup; i++) {
            bytes = call(http, reqs[i % reqs.length]);
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            bytes = call(http, reqs[i % reqs.length]);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf("requests=%d p50=%.3f p90=%.3f p99=%.3f p999=%.3f max=%.3f (ms) bytes=%d%n", requests,
                pct(nanos, 50), pct(nanos, 90), pct(nanos, 99), pct(nanos, 99.9), nanos[requests - 1] / 1e6, bytes);
    }

    private static long call(HttpClient http, HttpRequest req) throws Exception {
        HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        if (resp.statusCode() != 200) {
            System.err.println(req.uri() + " answered " + resp.statusCode() + ": "
                    + new String(resp.body(), 0, Math.min(500, resp.body().length)));
            System.exit(2);
        }
        return resp.body().length;
    }

    private static double pct(long[] sorted, double p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
    }
}
