package dev.mcpgateway.proxy.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.testing.FakeStdioServer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stdio transport against a real child process ({@link FakeStdioServer}). */
class StdioUpstreamTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Vertx vertx;
    private StdioUpstream upstream;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        vertx.close();
    }

    @AfterEach
    void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }

    private StdioUpstream upstream(boolean perSession) {
        upstream = new StdioUpstream(new StdioProcess.Spec("fake", FakeStdioServer.command(), Map.of("FAKE_API_KEY", "gateway-held-secret"), null),
                perSession, vertx, 5_000, 1 << 20,
                new StdioUpstream.Backoff(Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(10)));
        return upstream;
    }

    @Test
    void perSessionProcessAnswersAndSkipsNonJsonLines() {
        StdioUpstream up = upstream(true);
        UpstreamReply init = up.send(initialize(1), m -> { }).await().atMost(WAIT);
        assertEquals("fake-stdio", init.response().node().path("result").path("serverInfo").path("name").asText());
        String handle = init.sessionId();
        assertNotNull(handle);
        // The banner and the "calling echo" line are not JSON: skipped, and the answer still arrives.
        assertEquals("echo: hi", text(call(up, handle, 2, "echo", "{\"text\":\"hi\"}")));
        assertEquals("gateway-held-secret", text(call(up, handle, 3, "env_secret", "{}")),
                "the upstream's credentials come from the gateway's configuration (env)");
    }

    @Test
    void aProcessPerSessionIsIsolatedAndEndsWithTheSession() {
        StdioUpstream up = upstream(true);
        String a = up.send(initialize(1), m -> { }).await().atMost(WAIT).sessionId();
        String b = up.send(initialize(1), m -> { }).await().atMost(WAIT).sessionId();
        assertNotEquals(text(call(up, a, 2, "pid", "{}")), text(call(up, b, 2, "pid", "{}")));
        up.terminate(a, null).await().atMost(WAIT);
        UpstreamException e = assertThrows(UpstreamException.class, () -> call(up, a, 3, "pid", "{}"));
        assertEquals(UpstreamException.Kind.SESSION_EXPIRED, e.kind());
        assertEquals("echo: still", text(call(up, b, 3, "echo", "{\"text\":\"still\"}")));
    }

    @Test
    void aDeadProcessFailsItsCallsAndIsRestartedWithBackoff() {
        StdioUpstream up = upstream(true);
        String handle = up.send(initialize(1), m -> { }).await().atMost(WAIT).sessionId();
        // The backoff runs from the process's death, which happens after this instant: measuring from the
        // restart request instead would count time already spent waiting on a slow machine.
        long beforeDeath = System.nanoTime();
        UpstreamException died = assertThrows(UpstreamException.class, () -> call(up, handle, 2, "crash", "{}"));
        assertEquals(UpstreamException.Kind.UNREACHABLE, died.kind());
        assertTrue(died.getMessage().contains("exited with code 3"), died.getMessage());
        UpstreamException expired = assertThrows(UpstreamException.class, () -> call(up, handle, 3, "echo", "{}"));
        assertEquals(UpstreamException.Kind.SESSION_EXPIRED, expired.kind(), "the next message makes UpstreamSessions re-initialize");

        String again = up.send(initialize(4), m -> { }).await().atMost(WAIT).sessionId();
        assertTrue((System.nanoTime() - beforeDeath) / 1_000_000 >= 300,
                "a process that died young is restarted no sooner than the 300 ms backoff after its death");
        assertEquals("echo: back", text(call(up, again, 5, "echo", "{\"text\":\"back\"}")));
    }

    @Test
    void aSharedProcessServesSessionsWhoseIdsAndProgressTokensCollide() {
        StdioUpstream up = upstream(false);
        String a = up.send(initialize(1), m -> { }).await().atMost(WAIT).sessionId();
        UpstreamReply second = up.send(initialize(1), m -> { }).await().atMost(WAIT);
        assertEquals(1, second.response().node().path("id").asInt(), "the cached initialize result carries the caller's id");
        String b = second.sessionId();
        assertEquals(text(call(up, a, 9, "pid", "{}")), text(call(up, b, 9, "pid", "{}")), "one process for both");

        List<JsonNode> interimA = new CopyOnWriteArrayList<>();
        List<JsonNode> interimB = new CopyOnWriteArrayList<>();
        String withToken = "{\"name\":\"notify\",\"arguments\":{},\"_meta\":{\"progressToken\":\"t\"}}";
        Uni<UpstreamReply> ra = up.send(request(a, 7, "tools/call", withToken), m -> interimA.add(m.node()));
        Uni<UpstreamReply> rb = up.send(request(b, 7, "tools/call", withToken), m -> interimB.add(m.node()));
        List<UpstreamReply> both = Uni.join().all(ra, rb).andFailFast().await().atMost(WAIT);
        for (UpstreamReply r : both) {
            assertEquals(7, r.response().node().path("id").asInt(), "the client's id is restored");
            assertEquals("notified", text(r));
        }
        for (List<JsonNode> interim : List.of(interimA, interimB)) {
            JsonNode progress = interim.stream().filter(m -> "notifications/progress".equals(m.path("method").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("no progress in " + interim));
            assertEquals("t", progress.path("params").path("progressToken").asText(), "the client's token is restored");
        }
    }

    @Test
    void serverRequestsReachTheClientAndItsAnswerGoesBack() {
        StdioUpstream up = upstream(true);
        String handle = up.send(initialize(1), m -> { }).await().atMost(WAIT).sessionId();
        UpstreamReply r = up.send(request(handle, 2, "tools/call", "{\"name\":\"sample\",\"arguments\":{}}"), m -> {
            if ("sampling/createMessage".equals(m.node().path("method").asText())) {
                String answer = "{\"jsonrpc\":\"2.0\",\"id\":\"" + m.node().path("id").asText()
                        + "\",\"result\":{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"hello\"}}}";
                up.send(new UpstreamCall(answer.getBytes(StandardCharsets.UTF_8), null, handle, null), x -> { })
                        .subscribe().with(x -> { });
            }
        }).await().atMost(WAIT);
        assertEquals("client said: hello", text(r));
    }

    @Test
    void aCallThatNeverAnswersTimesOut() {
        upstream = new StdioUpstream(new StdioProcess.Spec("fake", FakeStdioServer.command(), Map.of(), null),
                true, vertx, 4_000, 1 << 20, new StdioUpstream.Backoff(Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(10)));
        String handle = upstream.send(initialize(1), m -> { }).await().atMost(WAIT).sessionId();
        UpstreamException e = assertThrows(UpstreamException.class, () -> call(upstream, handle, 2, "slow", "{}"));
        assertEquals(UpstreamException.Kind.TIMEOUT, e.kind());
    }

    // ---------------------------------------------------------------- helpers

    static UpstreamCall initialize(int id) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        return new UpstreamCall(body.getBytes(StandardCharsets.UTF_8), Json.NODES.numberNode(id), null, null);
    }

    static UpstreamCall request(String session, int id, String method, String params) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
        return new UpstreamCall(body.getBytes(StandardCharsets.UTF_8), Json.NODES.numberNode(id), session, "2025-06-18");
    }

    private static UpstreamReply call(StdioUpstream up, String session, int id, String tool, String args) {
        return up.send(request(session, id, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + args + "}"), m -> { })
                .await().atMost(WAIT);
    }

    static String text(UpstreamReply r) {
        return r.response().node().path("result").path("content").path(0).path("text").asText();
    }
}
