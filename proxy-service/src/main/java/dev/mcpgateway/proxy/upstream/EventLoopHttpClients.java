package dev.mcpgateway.proxy.upstream;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.impl.ContextInternal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One HTTP client (and so one connection pool) per Vert.x event loop. A pooled connection lives on the event
 * loop that opened it, and Vert.x 4's pool hands out the most recently used free connection whatever its loop:
 * with one shared client a request from loop A often went out on a connection of loop B, so the request was
 * written by B and the response handed back to A, two thread hand-offs per upstream call (CPU for the wake-ups,
 * and latency whenever the cores are busy). With a client per loop, a call made on a loop's context opens and
 * reuses connections of that loop only. Calls from outside any event loop use a shared client, as before.
 */
final class EventLoopHttpClients implements Supplier<HttpClient> {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    private final HttpClient shared;
    private final Map<EventLoop, HttpClient> byLoop = new ConcurrentHashMap<>();

    EventLoopHttpClients(Vertx vertx, HttpClientOptions options, PoolOptions pool) {
        this.vertx = vertx;
        this.options = options;
        this.pool = pool;
        this.shared = vertx.createHttpClient(options, pool);
    }

    /** The client of the calling event loop; the shared one off the event loops. */
    @Override
    public HttpClient get() {
        Context ctx = Vertx.currentContext();
        if (ctx instanceof ContextInternal internal && ctx.isEventLoopContext() && Context.isOnEventLoopThread()) {
            return byLoop.computeIfAbsent(internal.nettyEventLoop(), loop -> vertx.createHttpClient(options, pool));
        }
        return shared;
    }

    /** The client for calls that may come from anywhere (long-lived streams of the legacy SSE transport). */
    HttpClient shared() {
        return shared;
    }

    void close() {
        byLoop.values().forEach(HttpClient::close);
        shared.close();
    }
}
