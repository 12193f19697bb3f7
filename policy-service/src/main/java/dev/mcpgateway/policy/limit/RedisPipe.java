package dev.mcpgateway.policy.limit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One long-lived Redis connection shared by every caller, commands pipelined on it (Redis answers them in
 * order; the client matches answers to commands). Sending from any thread never waits. Measured: taking a
 * pooled connection per command from the gRPC event loops (the client's {@code send}) stopped answering once
 * the pool's 16 connections had been used (every later command waited for the timeout), and a pool
 * acquire per command costs more than the command. A connection that fails or closes is dropped, and the
 * next command connects again, so Redis coming back is picked up without a restart.
 */
final class RedisPipe {
    private final Redis redis;
    private final Duration connectTimeout;
    private final AtomicReference<Uni<RedisConnection>> current = new AtomicReference<>();

    RedisPipe(Redis redis, Duration connectTimeout) {
        this.redis = redis;
        this.connectTimeout = connectTimeout;
    }

    Uni<Response> send(Request r) {
        return connection().chain(c -> c.send(r));
    }

    private Uni<RedisConnection> connection() {
        Uni<RedisConnection> c = current.get();
        while (c == null) {
            AtomicReference<Uni<RedisConnection>> self = new AtomicReference<>();
            Uni<RedisConnection> fresh = redis.connect()
                    .ifNoItem().after(connectTimeout).failWith(() -> new TimeoutException(
                            "no connection within " + connectTimeout.toMillis() + " ms"))
                    .onItem().invoke(conn -> {
                        conn.exceptionHandler(e -> drop(self.get(), conn));
                        conn.endHandler(() -> drop(self.get(), conn));
                    })
                    .onFailure().invoke(e -> current.compareAndSet(self.get(), null))
                    .memoize().indefinitely();
            self.set(fresh);
            c = current.compareAndSet(null, fresh) ? fresh : current.get();
        }
        return c;
    }

    private void drop(Uni<RedisConnection> which, RedisConnection conn) {
        if (current.compareAndSet(which, null)) {
            conn.close().subscribe().with(v -> { }, e -> { });
        }
    }
}
