package dev.mcpgateway.proxy.http;

import static dev.mcpgateway.proxy.http.McpReplicas.delete;
import static dev.mcpgateway.proxy.http.McpReplicas.initialize;
import static dev.mcpgateway.proxy.http.McpReplicas.newKey;
import static dev.mcpgateway.proxy.http.McpReplicas.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.proxy.ProxyConfig;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.session.InMemorySessionRevocations;
import dev.mcpgateway.proxy.session.SessionRevocations;
import dev.mcpgateway.proxy.testing.FakeUpstream;
import dev.mcpgateway.proxy.testing.Mcp;
import dev.mcpgateway.proxy.testing.ReplicaStack;
import dev.mcpgateway.proxy.testing.TestConfig;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions survive a second replica and a restart: independent proxy instances (own Vert.x, router,
 * session cache, upstream clients) that share only the session key, and a client alternating between them.
 */
class TwoReplicasTest {

    private static final FakeUpstream UPSTREAM = new FakeUpstream();
    private static ProxyConfig config;
    private final List<ReplicaStack> replicas = new ArrayList<>();

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
    }

    private ReplicaStack replica(String key, SessionRevocations revocations) throws Exception {
        ReplicaStack r = McpReplicas.start(config, key, revocations);
        replicas.add(r);
        return r;
    }

    @Test
    void aClientAlternatingBetweenTwoReplicasKeepsItsSession() throws Exception {
        String key = newKey();
        ReplicaStack a = replica(key, new InMemorySessionRevocations());
        ReplicaStack b = replica(key, new InMemorySessionRevocations());
        FakeUpstream.RECEIVED.clear();

        HttpResponse<String> init = post(a, null, Mcp.initialize(1, "2025-11-25"));
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertEquals(202, post(b, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode());
        for (int i = 0; i < 6; i++) {
            ReplicaStack r = i % 2 == 0 ? a : b;
            HttpResponse<String> call = post(r, session, Mcp.call(10 + i, "allowed_tool", "{}"));
            assertEquals(200, call.statusCode(), call.body());
            JsonNode body = Json.MAPPER.readTree(call.body());
            assertEquals(10 + i, body.path("id").asInt());
            assertEquals("upstream ran allowed_tool", body.path("result").path("content").path(0).path("text").asText());
        }
        long inits = FakeUpstream.RECEIVED.stream().filter(m -> "initialize".equals(m.path("method").asText())).count();
        assertEquals(1, inits, "both replicas went on with the same upstream session: it travels in the sealed id");

        // A restart: a brand-new instance with the same key continues the session; one with another key does not.
        ReplicaStack restarted = replica(key, new InMemorySessionRevocations());
        assertEquals(200, post(restarted, session, Mcp.request("p", "ping", "{}")).statusCode());
        ReplicaStack otherKey = replica(newKey(), new InMemorySessionRevocations());
        assertEquals(404, post(otherKey, session, Mcp.request("p", "ping", "{}")).statusCode());
    }

    @Test
    void deleteEndsTheSessionOnEveryReplicaThatSharesTheRevocations() throws Exception {
        String key = newKey();
        SessionRevocations shared = new InMemorySessionRevocations(); // stands in for the shared store replicas need
        ReplicaStack a = replica(key, shared);
        ReplicaStack b = replica(key, shared);
        String session = initialize(a);
        assertEquals(200, post(b, session, Mcp.request("p", "ping", "{}")).statusCode());
        assertEquals(204, delete(b, session).statusCode());
        assertEquals(404, post(a, session, Mcp.request("p", "ping", "{}")).statusCode(), "ended on the other replica");
        assertEquals(404, post(b, session, Mcp.request("p", "ping", "{}")).statusCode());
    }

    @Test
    void aTamperedSessionIdIsUnknown() throws Exception {
        String key = newKey();
        ReplicaStack a = replica(key, new InMemorySessionRevocations());
        String session = initialize(a);
        char[] c = session.toCharArray();
        int i = c.length / 2;
        c[i] = c[i] == 'A' ? 'B' : 'A';
        assertEquals(404, post(a, new String(c), Mcp.request("p", "ping", "{}")).statusCode());
    }
}
