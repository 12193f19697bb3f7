package dev.mcpgateway.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * McpLoad's default client: Vert.x's non-blocking HTTP/1.1 client on one event loop, keep-alive connections
 * opened as calls need them (up to {@value #MAX_CONNECTIONS}, so the client never queues a call a server could
 * take). Why not the JDK's HttpClient as before: it spent ~1 ms of CPU per call (its executor hand-offs and
 * per-request objects), so at 500 calls/s the generator alone took a quarter of the two cores it shares with
 * the services it measures. This one spends ~0.5 ms (docs/benchmarks.md, "Proxy overhead", says how measured).
 */
final class VertxTransport implements McpLoad.Transport {

    private static final int MAX_CONNECTIONS = 1024;
    private static final long TIMEOUT_MS = 10_000;

    private final Vertx vertx;
    private final HttpClient client;
    private final URI url;

    VertxTransport(URI url) {
        this.url = url;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                        .setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS).setMaxWaitQueueSize(-1));
    }

    /** On the client's event loop: calls are then sent without a hand-off between threads. */
    @Override
    public AutoCloseable everyMillisecond(Runnable tick) {
        long id = vertx.setPeriodic(1, t -> tick.run());
        return () -> vertx.cancelTimer(id);
    }

    @Override
    public CompletableFuture<McpLoad.Reply> post(String body, String token, String sessionId, String protocolVersion) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url.toString())
                .setIdleTimeout(TIMEOUT_MS)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json, text/event-stream");
        if (token != null) options.putHeader("Authorization", "Bearer " + token);
        if (sessionId != null) {
            options.putHeader("Mcp-Session-Id", sessionId);
            options.putHeader("MCP-Protocol-Version", protocolVersion);
        }
        CompletableFuture<McpLoad.Reply> reply = new CompletableFuture<>();
        client.request(options)
                .compose(req -> req.send(Buffer.buffer(body))
                        .compose(resp -> resp.body().map(b -> new McpLoad.Reply(resp.statusCode(), b.toString(),
                                resp.getHeader("mcp-session-id")))))
                .onComplete(ar -> {
                    if (ar.succeeded()) reply.complete(ar.result());
                    else reply.completeExceptionally(ar.cause());
                });
        return reply;
    }
}
