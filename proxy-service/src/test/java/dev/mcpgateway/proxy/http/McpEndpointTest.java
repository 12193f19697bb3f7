package dev.mcpgateway.proxy.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import dev.mcpgateway.contracts.policy.v1.Outcome;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.proxy.testing.FakePolicyService;
import dev.mcpgateway.proxy.testing.FakeServicesResource;
import dev.mcpgateway.proxy.testing.FakeUpstream;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(FakeServicesResource.class)
class McpEndpointTest {

    private static final String MCP = "/mcp/smartlead";
    private static final String ACCEPT = "application/json, text/event-stream";

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    dev.mcpgateway.proxy.audit.AuditOutbox auditOutbox;

    @Inject
    dev.mcpgateway.proxy.session.SessionSealer sealer;

    private InMemorySink<DecisionEventV1> events;

    @BeforeEach
    void reset() {
        dev.mcpgateway.proxy.testing.AuditDrain.await(auditOutbox); // earlier tests' events are in before the clear
        events = connector.sink("decisions");
        events.clear();
        FakeUpstream.RECEIVED.clear();
        FakePolicyService.SETTLES.clear();
    }

    // ---------------------------------------------------------------- auth and routing

    @Test
    void missingTokenIs401WithChallengeAndJsonBody() {
        given().contentType("application/json").accept(ACCEPT).body(initialize(1)).post(MCP)
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error.message", containsString("Authorization header is missing"))
                .body("error.data.error", equalTo("invalid_request"));
    }

    @Test
    void unknownTokenIs401() {
        client("not-a-grant").body(initialize(1)).post(MCP)
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("error.message", containsString("matches no live grant"));
    }

    @Test
    void grantForAnotherServerIs403() {
        client(FakePolicyService.TOKEN_OTHER_SERVER).body(initialize(1)).post(MCP)
                .then().statusCode(403).body("error.message", containsString("not valid for server 'smartlead'"));
    }

    @Test
    void unknownServerIs404() {
        client(FakePolicyService.TOKEN).body(initialize(1)).post("/mcp/nope")
                .then().statusCode(404)
                .body("error.message", containsString("no MCP server named 'nope'"))
                .body("error.data.servers", hasItem("smartlead"));
    }

    @Test
    void policyServiceDownDuringAuthIs503() {
        client(FakePolicyService.TOKEN_POLICY_DOWN).body(initialize(1)).post(MCP)
                .then().statusCode(503).body("error.message", containsString("could not authenticate"));
    }

    @Test
    void foreignHostIs403() {
        client(FakePolicyService.TOKEN).header("Origin", "http://evil.example").body(initialize(1)).post(MCP)
                .then().statusCode(403).body("error.message", containsString("Origin"));
    }

    // ---------------------------------------------------------------- sessions

    @Test
    void initializeOpensSessionAndMapsUpstreamSession() {
        Response r = client(FakePolicyService.TOKEN).body(initialize(1)).post(MCP);
        r.then().statusCode(200)
                .header("Mcp-Session-Id", matchesPattern("[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{100,}"))
                .body("id", equalTo(1))
                .body("result.serverInfo.name", equalTo("fake-upstream"));
        JsonNode upstreamInit = FakeUpstream.RECEIVED.get(0);
        assertEquals("initialize", upstreamInit.path("method").asText());
        assertEquals("test-client", upstreamInit.path("params").path("clientInfo").path("name").asText(),
                "the client's initialize params reach the upstream");

        String session = r.header("Mcp-Session-Id");
        session(session).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").post(MCP)
                .then().statusCode(202);
        JsonNode initialized = FakeUpstream.RECEIVED.get(1);
        assertEquals("notifications/initialized", initialized.path("method").asText());
    }

    @Test
    void requestWithoutSessionIs400AndUnknownSessionIs404() {
        client(FakePolicyService.TOKEN).body(ping("a")).post(MCP)
                .then().statusCode(400).body("error.message", containsString("Mcp-Session-Id header is required"));
        session("no-such-session").body(ping("a")).post(MCP)
                .then().statusCode(404).body("error.code", equalTo(-32001));
    }

    @Test
    void deleteEndsTheSession() {
        String session = newSession();
        session(session).delete(MCP).then().statusCode(204);
        session(session).body(ping("after")).post(MCP).then().statusCode(404);
    }

    @Test
    void forgedTamperedOrTruncatedSessionIdsAre404() {
        String session = newSession();
        char[] c = session.toCharArray();
        int i = c.length / 2;
        c[i] = c[i] == 'A' ? 'B' : 'A';
        session(new String(c)).body(ping("t")).post(MCP).then().statusCode(404).body("error.code", equalTo(-32001));
        session(session.substring(0, session.length() - 4)).body(ping("t")).post(MCP).then().statusCode(404);
        byte[] otherKey = new byte[32];
        new java.security.SecureRandom().nextBytes(otherKey);
        String forged = new dev.mcpgateway.proxy.session.SessionSealer(java.util.Base64.getEncoder().encodeToString(otherKey))
                .seal(sealer.unseal(session).orElseThrow());
        session(forged).body(ping("t")).post(MCP).then().statusCode(404);
        session(session).body(ping("t")).post(MCP).then().statusCode(200);
    }

    @Test
    void otherRequestsAreRelayedWithTheirIds() {
        String session = newSession();
        session(session).body(ping("abc-1")).post(MCP).then().statusCode(200).body("id", equalTo("abc-1"));
        assertEquals("ping", FakeUpstream.RECEIVED.get(FakeUpstream.RECEIVED.size() - 1).path("method").asText());
    }

    @Test
    void expiredUpstreamSessionIsReinitializedTransparently() {
        String session = newSession();
        FakeUpstream.SESSIONS.clear(); // the upstream forgets every session
        session(session).body(call(7, "allowed_tool", "{}")).post(MCP)
                .then().statusCode(200).body("result.content[0].text", equalTo("upstream ran allowed_tool"));
        long inits = FakeUpstream.RECEIVED.stream().filter(m -> "initialize".equals(m.path("method").asText())).count();
        assertEquals(2, inits, "the gateway initialized a new upstream session");
    }

    @Test
    void getRelaysTheUpstreamServerToClientStream() {
        String session = newSession();
        Response r = given().header("Authorization", "Bearer " + FakePolicyService.TOKEN).header("Mcp-Session-Id", session)
                .accept("text/event-stream").get(MCP);
        r.then().statusCode(200).contentType(containsString("text/event-stream"));
        String body = r.asString();
        assertTrue(body.contains("notifications/tools/list_changed"), body);
        assertTrue(body.matches("(?s).*id: g[0-9a-f]{10}\\.1\n.*"), "the gateway numbers the events of its GET stream: " + body);
    }

    @Test
    void getIs405WhenTheUpstreamOffersNoStream() {
        String session = newSession();
        FakeUpstream.STREAM_OFFERED = false;
        try {
            given().header("Authorization", "Bearer " + FakePolicyService.TOKEN).header("Mcp-Session-Id", session)
                    .accept("text/event-stream").get(MCP)
                    .then().statusCode(405).body("error.message", containsString("GET"));
        } finally {
            FakeUpstream.STREAM_OFFERED = true;
        }
    }

    @Test
    void getWithoutSessionIs400() {
        given().header("Authorization", "Bearer " + FakePolicyService.TOKEN).accept("text/event-stream").get(MCP)
                .then().statusCode(400);
    }

    // ---------------------------------------------------------------- tools

    @Test
    void toolsListKeepsOnlyVisibleTools() {
        String session = newSession();
        List<String> names = session(session).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").post(MCP)
                .then().statusCode(200).extract().path("result.tools.name");
        assertEquals(List.of("allowed_tool", "denied_tool"), names);
    }

    @Test
    void allowedCallIsForwardedSettledAndAudited() {
        String session = newSession();
        session(session).body(call(3, "allowed_tool", "{\"campaign_id\":42,\"api_key\":\"s3cret\",\"note\":\"hi\"}")).post(MCP)
                .then().statusCode(200).body("id", equalTo(3))
                .body("result.content[0].text", equalTo("upstream ran allowed_tool"));
        assertEquals(1, FakeUpstream.calls("allowed_tool").size());

        DecisionEventV1 ev = awaitEvent();
        assertEquals(DecisionEventV1.Decision.ALLOW, ev.decision());
        assertEquals(DecisionEventV1.UpstreamOutcome.OK, ev.upstreamOutcome());
        assertEquals(sealer.unseal(session).orElseThrow().id(), ev.sessionId(), "events carry the session's short key");
        assertEquals(List.of("campaign_id", "api_key", "note"), ev.argumentKeys());
        assertEquals(42, ev.arguments().get("campaign_id"));
        assertEquals("***", ev.arguments().get("api_key"), "a secret is masked even where values are allowed");
        assertFalse(ev.arguments().containsKey("note"), "values the policy does not name stay out");
        assertEquals(Outcome.UPSTREAM_OK, awaitSettle().getOutcome());
        Message<DecisionEventV1> msg = events.received().get(0);
        assertEquals(ev.sessionId(), msg.getMetadata(io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata.class)
                .map(m -> m.getKey()).orElse(null), "the record key is the session id");
    }

    @Test
    void aCallThatReservedNoQuotaIsForwardedAndNotSettled() throws InterruptedException {
        String session = newSession();
        session(session).body(call(13, "unreserved_tool", "{}")).post(MCP)
                .then().statusCode(200).body("result.content[0].text", equalTo("upstream ran unreserved_tool"));
        assertEquals(DecisionEventV1.UpstreamOutcome.OK, awaitEvent().upstreamOutcome());
        // The listeners run in order, Settle first: once the event is out, a Settle would have been sent.
        Thread.sleep(300);
        assertTrue(FakePolicyService.SETTLES.isEmpty(), "skip_settle: no Settle, it would change nothing");
    }

    @Test
    void deniedCallIsNotForwardedAndTheAgentReadsWhy() {
        String session = newSession();
        session(session).body(call(4, "denied_tool", "{}")).post(MCP)
                .then().statusCode(200).body("id", equalTo(4))
                .body("result.isError", equalTo(true))
                .body("result.content[0].text", containsString("not allowed by the policy"))
                .body("result._meta.'dev.mcpgateway/decision'.decision", equalTo("DENY"))
                .body("result._meta.'dev.mcpgateway/decision'.rule", equalTo("/default"));
        assertTrue(FakeUpstream.calls("denied_tool").isEmpty(), "a denied call never reaches the upstream");
        DecisionEventV1 ev = awaitEvent();
        assertEquals(DecisionEventV1.Decision.DENY, ev.decision());
        assertEquals(DecisionEventV1.UpstreamOutcome.NOT_FORWARDED, ev.upstreamOutcome());
        assertEquals(Outcome.NOT_FORWARDED, awaitSettle().getOutcome());
    }

    @Test
    void rateLimitedCallSaysWhenToRetry() {
        String session = newSession();
        session(session).body(call(5, "limited_tool", "{}")).post(MCP)
                .then().statusCode(200)
                .body("result.isError", equalTo(true))
                .body("result.content[0].text", containsString("Retry after 12 seconds"))
                .body("result._meta.'dev.mcpgateway/decision'.decision", equalTo("RATE_LIMITED"))
                .body("result._meta.'dev.mcpgateway/decision'.retryAfterMs", equalTo(12000))
                .body("result._meta.'dev.mcpgateway/decision'.limitRemaining", equalTo(0));
        assertTrue(FakeUpstream.calls("limited_tool").isEmpty());
        assertEquals(DecisionEventV1.Decision.RATE_LIMITED, awaitEvent().decision());
    }

    @Test
    void couldNotDecideRefusesAndSaysSo() {
        String session = newSession();
        session(session).body(call(6, "undecidable_tool", "{}")).post(MCP)
                .then().statusCode(200)
                .body("result.isError", equalTo(true))
                .body("result.content[0].text", containsString("could not decide"))
                .body("result.content[0].text", containsString("not forwarded"))
                .body("result._meta.'dev.mcpgateway/decision'.decision", equalTo("UNDECIDED"));
        assertTrue(FakeUpstream.calls("undecidable_tool").isEmpty());
        DecisionEventV1 ev = awaitEvent();
        assertEquals(DecisionEventV1.Decision.UNDECIDED, ev.decision());
        assertTrue(ev.decisionId().startsWith("gw-"), "the gateway names the decision policy could not make");
        assertTrue(FakePolicyService.SETTLES.isEmpty(), "nothing decided, nothing to settle");
    }

    @Test
    void approvalRequiredIsRefusedClearly() {
        String session = newSession();
        session(session).body(call(8, "approval_tool", "{}")).post(MCP)
                .then().statusCode(200)
                .body("result.isError", equalTo(true))
                .body("result.content[0].text", containsString("approval"));
        assertTrue(FakeUpstream.calls("approval_tool").isEmpty());
    }

    @Test
    void upstreamEventStreamWithSeveralMessagesIsRelayedAsSse() {
        String session = newSession();
        Response r = session(session).body(call(9, "progress_tool", "{\"_meta\":{}}")).post(MCP);
        r.then().statusCode(200).contentType(containsString("text/event-stream"));
        String body = r.asString();
        assertTrue(body.contains("notifications/progress"), body);
        assertTrue(body.contains("done with progress"), body);
    }

    // ---------------------------------------------------------------- upstream faults

    @Test
    void slowUpstreamGetsATimeoutErrorNamingTheServer() {
        String session = newSession();
        long start = System.nanoTime();
        session(session).body(call(10, "slow_tool", "{}")).post(MCP)
                .then().statusCode(200).body("id", equalTo(10))
                .body("error.code", equalTo(-32051))
                .body("error.message", containsString("'smartlead'"));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000, "answered within the configured timeout");
        assertEquals(DecisionEventV1.UpstreamOutcome.TIMEOUT, awaitEvent().upstreamOutcome());
        assertEquals(Outcome.UPSTREAM_ERROR, awaitSettle().getOutcome());
    }

    @Test
    void garbageFromUpstreamIsABadResponseError() {
        String session = newSession();
        session(session).body(call(11, "garbage_tool", "{}")).post(MCP)
                .then().statusCode(200).body("error.code", equalTo(-32052))
                .body("error.message", containsString("'smartlead' answered badly"));
    }

    @Test
    void downUpstreamIsNamedInTheError() {
        client(FakePolicyService.TOKEN).body(initialize(12)).post("/mcp/down")
                .then().statusCode(200).body("id", equalTo(12))
                .body("error.code", equalTo(-32050))
                .body("error.message", containsString("'down' is unreachable"));
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void notJsonIs32700() {
        String session = newSession();
        session(session).body("{not json").post(MCP)
                .then().statusCode(400).body("error.code", equalTo(-32700)).body("id", equalTo(null));
    }

    @Test
    void invalidJsonRpcIs32600() {
        String session = newSession();
        session(session).body("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}").post(MCP)
                .then().statusCode(400).body("error.code", equalTo(-32600)).body("id", equalTo(1));
    }

    @Test
    void batchIsRefusedFor20250618() {
        String session = newSession();
        session(session).header("MCP-Protocol-Version", "2025-06-18").body("[" + ping("x") + "]").post(MCP)
                .then().statusCode(400).body("error.code", equalTo(-32600))
                .body("error.message", containsString("batches"));
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(70_000) + "\"}}";
        client(FakePolicyService.TOKEN).body(big).post(MCP)
                .then().statusCode(413).body("error.message", containsString("too large"));
    }

    @Test
    void wrongContentTypeIs415AndWrongAcceptIs406() {
        given().header("Authorization", "Bearer " + FakePolicyService.TOKEN).contentType("text/plain")
                .accept(ACCEPT).body(initialize(1)).post(MCP).then().statusCode(415);
        given().header("Authorization", "Bearer " + FakePolicyService.TOKEN).contentType("application/json")
                .accept("text/html").body(initialize(1)).post(MCP).then().statusCode(406);
    }

    @Test
    void unsupportedProtocolVersionIs400() {
        String session = newSession();
        session(session).header("MCP-Protocol-Version", "1999-01-01").body(ping("v")).post(MCP)
                .then().statusCode(400).body("error.message", containsString("unsupported MCP-Protocol-Version"));
    }

    // ---------------------------------------------------------------- helpers

    private static RequestSpecification client(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json").accept(ACCEPT);
    }

    private static RequestSpecification session(String sessionId) {
        return client(FakePolicyService.TOKEN).header("Mcp-Session-Id", sessionId);
    }

    private static String newSession() {
        String id = client(FakePolicyService.TOKEN).body(initialize(1)).post(MCP)
                .then().statusCode(200).extract().header("Mcp-Session-Id");
        session(id).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").post(MCP).then().statusCode(202);
        return id;
    }

    private static String initialize(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test-client\",\"version\":\"1\"}}}";
    }

    private static String ping(String id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"ping\"}";
    }

    private static String call(int id, String tool, String args) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + args + "}}";
    }

    private DecisionEventV1 awaitEvent() {
        List<? extends Message<DecisionEventV1>> received = await(() -> events.received().isEmpty() ? null : events.received());
        assertEquals(1, received.size(), "exactly one decision event per call");
        return received.get(0).getPayload();
    }

    private static SettleRequest awaitSettle() {
        return await(() -> FakePolicyService.SETTLES.isEmpty() ? null : FakePolicyService.SETTLES.get(0));
    }

    private static <T> T await(Supplier<T> probe) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            T value = Optional.ofNullable(probe.get()).orElse(null);
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        org.junit.jupiter.api.Assertions.fail("nothing arrived within 5 s");
        return null;
    }
}
