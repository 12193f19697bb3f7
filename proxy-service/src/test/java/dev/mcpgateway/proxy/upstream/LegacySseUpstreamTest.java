package dev.mcpgateway.proxy.upstream;

import static dev.mcpgateway.proxy.upstream.StdioUpstreamTest.initialize;
import static dev.mcpgateway.proxy.upstream.StdioUpstreamTest.request;
import static dev.mcpgateway.proxy.upstream.StdioUpstreamTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.proxy.testing.FakeLegacySseServer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The legacy HTTP+SSE transport (2024-11-05) against a fake server of that generation. */
class LegacySseUpstreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final FakeLegacySseServer SERVER = new FakeLegacySseServer();
    private static Vertx vertx;
    private static LegacySseUpstream upstream;

    @BeforeAll
    static void start() throws Exception {
        int port = SERVER.start();
        vertx = Vertx.vertx();
        upstream = new LegacySseUpstream("legacy", "http://127.0.0.1:" + port + "/sse",
                Map.of("Authorization", "Bearer upstream-credential"), vertx.createHttpClient(), vertx, 3_000, 2_000, 1 << 20);
    }

    @AfterAll
    static void stop() {
        SERVER.stop();
        vertx.close();
    }

    @Test
    void initializeAndCallOverTheEndpointTheStreamNamed() {
        UpstreamReply init = upstream.send(initialize(1), m -> { }).await().atMost(WAIT);
        assertEquals("fake-legacy", init.response().node().path("result").path("serverInfo").path("name").asText());
        List<JsonNode> interim = new CopyOnWriteArrayList<>();
        UpstreamReply r = upstream.send(request(init.sessionId(), 2, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}"),
                m -> interim.add(m.node())).await().atMost(WAIT);
        assertEquals("legacy echo: hi", text(r));
        assertEquals(2, r.response().node().path("id").asInt());
        assertTrue(interim.stream().anyMatch(m -> "notifications/message".equals(m.path("method").asText())),
                "messages before the response reach the call in flight: " + interim);
        assertTrue(FakeLegacySseServer.AUTHORIZATION.stream().allMatch("Bearer upstream-credential"::equals),
                "only the gateway's own upstream credential is sent: " + FakeLegacySseServer.AUTHORIZATION);
    }

    @Test
    void aDroppedStreamFailsTheCallAndExpiresTheSession() {
        String handle = upstream.send(initialize(1), m -> { }).await().atMost(WAIT).sessionId();
        UpstreamException dropped = assertThrows(UpstreamException.class, () -> upstream.send(
                request(handle, 2, "tools/call", "{\"name\":\"drop\",\"arguments\":{}}"), m -> { }).await().atMost(WAIT));
        assertEquals(UpstreamException.Kind.UNREACHABLE, dropped.kind());
        UpstreamException expired = assertThrows(UpstreamException.class, () -> upstream.send(
                request(handle, 3, "ping", "{}"), m -> { }).await().atMost(WAIT));
        assertEquals(UpstreamException.Kind.SESSION_EXPIRED, expired.kind());
    }

    @Test
    void anEndpointThatIsDownIsUnreachable() {
        LegacySseUpstream down = new LegacySseUpstream("down", "http://127.0.0.1:9/sse", Map.of(), vertx.createHttpClient(),
                vertx, 1_000, 1_000, 1 << 20);
        UpstreamException e = assertThrows(UpstreamException.class, () -> down.send(initialize(1), m -> { }).await().atMost(WAIT));
        assertEquals(UpstreamException.Kind.UNREACHABLE, e.kind());
    }
}
