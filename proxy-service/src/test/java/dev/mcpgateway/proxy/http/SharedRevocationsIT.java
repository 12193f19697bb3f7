package dev.mcpgateway.proxy.http;

import static dev.mcpgateway.proxy.http.McpReplicas.delete;
import static dev.mcpgateway.proxy.http.McpReplicas.initialize;
import static dev.mcpgateway.proxy.http.McpReplicas.newKey;
import static dev.mcpgateway.proxy.http.McpReplicas.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.proxy.ProxyConfig;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcErrors;
import dev.mcpgateway.proxy.session.RedisSessionRevocations;
import dev.mcpgateway.proxy.testing.FakeUpstream;
import dev.mcpgateway.proxy.testing.Mcp;
import dev.mcpgateway.proxy.testing.ReplicaStack;
import dev.mcpgateway.proxy.testing.TestConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two proxy replicas that share only the session key and a real Redis (127.0.0.1:6379, env REDIS_URL): a DELETE
 * on one ends the session on the other, and a replica whose Redis is unreachable refuses the session's requests
 * with a 503 instead of serving a session that may have ended.
 */
class SharedRevocationsIT {

    private static final String REDIS = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");
    private static final FakeUpstream UPSTREAM = new FakeUpstream();
    private static ProxyConfig config;
    private final String prefix = "mcpg:test:revoked:" + UUID.randomUUID() + ":";
    private final List<ReplicaStack> replicas = new ArrayList<>();
    private final List<io.vertx.core.Vertx> redisVertx = new ArrayList<>();
    private final SimpleMeterRegistry registryA = new SimpleMeterRegistry();

    @BeforeAll
    static void upstream() throws Exception {
        int port = UPSTREAM.start();
        config = TestConfig.with(Map.of("smartlead", TestConfig.http("http://127.0.0.1:" + port + "/mcp")), Map.of());
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.stop();
    }

    @AfterEach
    void stopReplicas() {
        replicas.forEach(ReplicaStack::stop);
        redisVertx.forEach(io.vertx.core.Vertx::close);
    }

    /** A replica with its own Vert.x and its own Redis client at {@code redisUrl}. */
    private ReplicaStack replica(String key, String redisUrl, SimpleMeterRegistry registry) throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        Redis redis = Redis.createClient(new io.vertx.mutiny.core.Vertx(vertx), redisUrl);
        RedisSessionRevocations revocations = new RedisSessionRevocations(redis, prefix, Duration.ofMillis(500), registry);
        ReplicaStack r = McpReplicas.start(config, key, revocations);
        replicas.add(r);
        redisVertx.add(vertx);
        return r;
    }

    @Test
    void deleteOnOneReplicaIsA404OnTheOther() throws Exception {
        String key = newKey();
        ReplicaStack a = replica(key, REDIS, registryA);
        ReplicaStack b = replica(key, REDIS, new SimpleMeterRegistry());
        String session = initialize(a);
        assertEquals(200, post(b, session, Mcp.request("p", "ping", "{}")).statusCode(), "b serves the session a opened");
        assertEquals(200, post(a, session, Mcp.request("p", "ping", "{}")).statusCode());

        assertEquals(204, delete(a, session).statusCode());
        assertEquals(404, post(b, session, Mcp.request("p", "ping", "{}")).statusCode(), "ended on the other replica");
        assertEquals(404, post(a, session, Mcp.request("p", "ping", "{}")).statusCode());
        // A replica started after the DELETE (a restart) knows it too: the record is in Redis, not in a process.
        ReplicaStack c = replica(key, REDIS, new SimpleMeterRegistry());
        assertEquals(404, post(c, session, Mcp.request("p", "ping", "{}")).statusCode());

        // The record expires with the session's id (max lifetime 1h in ReplicaStack): nothing stays behind forever.
        Redis probe = Redis.createClient(new io.vertx.mutiny.core.Vertx(a.vertx()), REDIS);
        try {
            var keys = probe.send(Request.cmd(Command.KEYS).arg(prefix + "*")).await().atMost(Duration.ofSeconds(5));
            assertEquals(1, keys.size(), "one revocation record");
            long ttl = probe.send(Request.cmd(Command.PTTL).arg(keys.get(0).toString())).await().atMost(Duration.ofSeconds(5)).toLong();
            assertTrue(ttl > 0 && ttl <= Duration.ofHours(1).toMillis(), "TTL = the id's remaining lifetime, was " + ttl);
        } finally {
            probe.close();
        }
        assertEquals(0.0, registryA.get("mcp.proxy.sessions.revocation.failures").tag("operation", "check").counter().count());
    }

    @Test
    void redisUnreachableRefusesTheSessionInsteadOfServingIt() throws Exception {
        String key = newKey();
        ReplicaStack a = replica(key, REDIS, new SimpleMeterRegistry());
        SimpleMeterRegistry brokenRegistry = new SimpleMeterRegistry();
        // Nothing listens on port 9 (discard) here: every Redis command fails.
        ReplicaStack broken = replica(key, "redis://127.0.0.1:9", brokenRegistry);
        String session = initialize(a);

        HttpResponse<String> refused = post(broken, session, Mcp.request("p", "ping", "{}"));
        assertEquals(503, refused.statusCode(), refused.body());
        JsonNode error = Json.MAPPER.readTree(refused.body()).path("error");
        assertEquals(JsonRpcErrors.SESSION_STORE_UNAVAILABLE, error.path("code").asInt());
        assertTrue(error.path("message").asText().contains("session store is unreachable"), error.toString());
        HttpResponse<String> notEnded = delete(broken, session);
        assertEquals(503, notEnded.statusCode(), "a DELETE that other replicas could not learn of is not reported done");
        assertTrue(brokenRegistry.get("mcp.proxy.sessions.revocation.failures").tag("operation", "check").counter().count() >= 2);
        // The healthy replica still serves it: nothing was ended.
        assertEquals(200, post(a, session, Mcp.request("p", "ping", "{}")).statusCode());
    }
}
