package dev.mcpgateway.proxy.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Upstream requests go out on connections of the calling event loop: no thread hand-off per request. */
class EventLoopHttpClientsTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static EventLoopHttpClients clients;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
        server = vertx.createHttpServer().requestHandler(req -> req.response().end("ok"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        clients = new EventLoopHttpClients(vertx, new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(10));
    }

    @AfterAll
    static void stop() {
        clients.close();
        vertx.close();
    }

    @Test
    void eachEventLoopUsesConnectionsOfItsOwn() throws Exception {
        for (int round = 0; round < 3; round++) { // later rounds reuse the pooled connections
            for (int loop = 0; loop < 4; loop++) {
                Context ctx = vertx.getOrCreateContext(); // round-robin over the event loops
                CompletableFuture<Boolean> sameLoop = new CompletableFuture<>();
                ctx.runOnContext(v -> clients.get().request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
                        .compose(req -> {
                            // The connection's own event loop is this thread: writing and reading need no hand-off.
                            boolean same = ((ConnectionBase) req.connection()).channel().eventLoop().inEventLoop();
                            return req.send().compose(resp -> resp.body()).map(body -> same);
                        })
                        .onComplete(ar -> {
                            if (ar.succeeded()) {
                                sameLoop.complete(ar.result());
                            } else {
                                sameLoop.completeExceptionally(ar.cause());
                            }
                        }));
                assertTrue(sameLoop.get(10, TimeUnit.SECONDS), "request on a connection of another event loop");
            }
        }
    }

    @Test
    void oneClientPerEventLoopAndASharedOneElsewhere() throws Exception {
        Context a = vertx.getOrCreateContext();
        CompletableFuture<HttpClient> first = new CompletableFuture<>();
        CompletableFuture<HttpClient> again = new CompletableFuture<>();
        a.runOnContext(v -> first.complete(clients.get()));
        a.runOnContext(v -> again.complete(clients.get()));
        assertSame(first.get(10, TimeUnit.SECONDS), again.get(10, TimeUnit.SECONDS));
        assertNotSame(clients.shared(), first.get());
        assertEquals(clients.shared(), clients.get(), "off the event loops: the shared client");
    }
}
