package dev.mcpgateway.proxy.session;

import dev.mcpgateway.proxy.jsonrpc.JsonRpcErrors;
import dev.mcpgateway.proxy.jsonrpc.McpException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Revocations shared by every replica: one Redis key per ended session, expiring when the session's id would
 * have expired anyway (so nothing piles up and nothing needs sweeping). Checked on every request with one
 * {@code EXISTS}, never blocking the event loop. Revocations this replica has made or seen are also kept in
 * memory: a revoked session stays revoked, so that answer never needs Redis again.
 * <p>
 * Fails closed: when Redis does not answer within the timeout, the request is refused with a 503 that says
 * so (and {@code mcp.proxy.sessions.revocation.failures} counts it); it is never served as if the session
 * were still live, and a DELETE is never reported done when other replicas could not learn of it.
 */
public final class RedisSessionRevocations implements SessionRevocations {

    private static final Logger LOG = Logger.getLogger(RedisSessionRevocations.class);

    private final Redis redis;
    private final String prefix;
    private final Duration timeout;
    private final InMemorySessionRevocations seen = new InMemorySessionRevocations();
    private final Counter checkFailures;
    private final Counter revokeFailures;

    public RedisSessionRevocations(Redis redis, String prefix, Duration timeout, MeterRegistry registry) {
        this.redis = redis;
        this.prefix = prefix;
        this.timeout = timeout;
        this.checkFailures = failures(registry, "check");
        this.revokeFailures = failures(registry, "revoke");
    }

    private static Counter failures(MeterRegistry registry, String operation) {
        return Counter.builder("mcp.proxy.sessions.revocation.failures")
                .description("Session revocation checks or records that failed because Redis did not answer "
                        + "(each one refused a request with 503)")
                .tag("operation", operation).register(registry);
    }

    @Override
    public Uni<Boolean> isRevoked(String sessionKey) {
        return seen.isRevoked(sessionKey).chain(known -> {
            if (known) {
                return Uni.createFrom().item(true);
            }
            return send(Request.cmd(Command.EXISTS).arg(key(sessionKey)), checkFailures, "check")
                    .map(r -> r != null && r.toLong() > 0);
        });
    }

    @Override
    public Uni<Void> revoke(String sessionKey, Instant until) {
        long ttlMs = until.toEpochMilli() - System.currentTimeMillis();
        if (ttlMs <= 0) {
            return Uni.createFrom().voidItem(); // the id has expired: it is refused without any record
        }
        return send(Request.cmd(Command.SET).arg(key(sessionKey)).arg("1").arg("PX").arg(ttlMs), revokeFailures, "revoke")
                .chain(ok -> seen.revoke(sessionKey, until));
    }

    String key(String sessionKey) {
        return prefix + sessionKey;
    }

    private Uni<Response> send(Request request, Counter failures, String what) {
        return redis.send(request)
                .ifNoItem().after(timeout).failWith(() -> new java.util.concurrent.TimeoutException(
                        "no answer within " + timeout.toMillis() + " ms"))
                .onFailure().transform(t -> {
                    failures.increment();
                    LOG.warnf("session revocation %s failed: Redis did not answer (%s); the request is refused", what,
                            t.getMessage());
                    return new McpException(JsonRpcErrors.sessionStoreUnavailable("Redis: " + t.getMessage()));
                });
    }
}
