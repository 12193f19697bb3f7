package dev.mcpgateway.proxy.approval;

import static dev.mcpgateway.proxy.testing.Mcp.call;
import static dev.mcpgateway.proxy.testing.Mcp.newSession;
import static dev.mcpgateway.proxy.testing.Mcp.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import dev.mcpgateway.contracts.policy.v1.ApprovalStatus;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.testing.FakeApprovalService;
import dev.mcpgateway.proxy.testing.FakeServicesResource;
import dev.mcpgateway.proxy.testing.FakeUpstream;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** tools/call held for a human's approval, against the fake policy-service's ApprovalService. */
@QuarkusTest
@QuarkusTestResource(FakeServicesResource.class)
class ApprovalEndpointTest {

    private static final String MCP = "/mcp/smartlead";

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    dev.mcpgateway.proxy.validation.ToolSchemas schemas;

    private String session;

    @BeforeEach
    void setUp() {
        connector.sink("decisions").clear();
        FakeUpstream.RECEIVED.clear();
        session = newSession(MCP);
    }

    /** Sends the call in the background and returns it with the id of the approval request it opened. */
    private Held hold(String body) throws Exception {
        Set<String> before = new HashSet<>(FakeApprovalService.pending());
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> session(session).body(body).post(MCP));
        long until = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < until) {
            for (String id : FakeApprovalService.pending()) {
                if (!before.contains(id)) {
                    Thread.sleep(300);
                    assertFalse(answer.isDone(), "the call is held while the request is pending");
                    return new Held(id, answer);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no approval request was opened");
    }

    private record Held(String id, CompletableFuture<Response> answer) {
        Response response() throws Exception {
            return answer.get(10, TimeUnit.SECONDS);
        }
    }

    private DecisionEventV1 event(String decisionId) throws InterruptedException {
        long until = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < until) {
            List<? extends Message<DecisionEventV1>> received = connector.<DecisionEventV1>sink("decisions").received();
            for (Message<DecisionEventV1> m : received) {
                if (decisionId.equals(m.getPayload().decisionId())) {
                    return m.getPayload();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no decision event for " + decisionId);
    }

    private static JsonNode json(Response r) {
        assertEquals(200, r.statusCode(), r.asString());
        return Json.MAPPER.valueToTree(r.jsonPath().getMap("$"));
    }

    @Test
    void approvedCallGoesUpstreamWithTheApproversEdits() throws Exception {
        Held held = hold(call(11, "held_tool", "{\"amount\":5000,\"to\":\"acct-9\"}"));
        assertTrue(FakeUpstream.calls("held_tool").isEmpty(), "nothing reaches the upstream before approval");

        FakeApprovalService.approve(held.id(), "alice", "capped", "{\"amount\":900,\"to\":\"acct-9\"}", "amount");

        JsonNode body = json(held.response());
        assertEquals("upstream ran held_tool", body.path("result").path("content").path(0).path("text").asText(), body.toString());
        assertEquals(11, body.path("id").asInt());
        List<JsonNode> calls = FakeUpstream.calls("held_tool");
        assertEquals(1, calls.size());
        assertEquals(900, calls.get(0).path("params").path("arguments").path("amount").asInt(), "the edited arguments go upstream");

        DecisionEventV1 e = event(held.id());
        assertEquals(DecisionEventV1.Decision.ALLOW, e.decision());
        assertTrue(e.reason().startsWith("APPROVAL_REQUIRED → ALLOW: approved by alice after "), e.reason());
        assertTrue(e.reason().contains("note: capped") && e.reason().contains("edited arguments: amount"), e.reason());
        assertFalse(e.reason().contains("900"), "no argument values in the reason");
        assertEquals(List.of("amount", "to"), e.argumentKeys());
    }

    @Test
    void approverEditsThatBreakTheToolsSchemaAreRefusedAtTheProxyWithThePointer() throws Exception {
        // The tool's schema as the proxy knows it (live, from the upstream). The fake policy-service, unlike the real
        // one, does not check edits: the proxy must not forward them on trust.
        schemas.replace("smartlead", Json.MAPPER.readTree("[{\"name\":\"held_tool\",\"inputSchema\":{\"type\":\"object\","
                + "\"properties\":{\"amount\":{\"type\":\"number\"},\"to\":{\"type\":\"string\"}}}}]"));
        try {
            Held held = hold(call(16, "held_tool", "{\"amount\":5,\"to\":\"acct-9\"}"));
            FakeApprovalService.approve(held.id(), "mallory", "", "{\"amount\":\"all of it\",\"to\":\"acct-9\"}", "amount");

            JsonNode body = json(held.response());
            JsonNode result = body.path("result");
            assertTrue(result.path("isError").asBoolean(), body.toString());
            String text = result.path("content").path(0).path("text").asText();
            assertTrue(text.startsWith("A human approver approved this call with edited arguments, and the gateway refused them."),
                    text);
            assertTrue(text.contains("\n- /amount: "), text);
            JsonNode meta = result.path("_meta").path(dev.mcpgateway.proxy.call.Refusals.META_KEY);
            assertEquals("/amount", meta.path("schemaErrors").path(0).path("pointer").asText(), meta.toString());
            assertEquals(held.id(), meta.path("decisionId").asText(), "the approval's decision, so it is settled");
            assertTrue(FakeUpstream.calls("held_tool").isEmpty(), "nothing reached the upstream");

            DecisionEventV1 e = event(held.id());
            assertEquals(DecisionEventV1.Decision.DENY, e.decision());
            assertEquals(dev.mcpgateway.proxy.validation.ArgumentValidationStage.RULE, e.rule());
            assertTrue(e.reason().startsWith("APPROVAL_REQUIRED → DENY: the approver's edited arguments do not match"),
                    e.reason());
            assertTrue(e.reason().contains("approved by mallory"), e.reason());
        } finally {
            schemas.replace("smartlead", Json.NODES.arrayNode());
        }
    }

    @Test
    void rejectedCallTellsTheAgentWhy() throws Exception {
        Held held = hold(call(12, "held_tool", "{\"amount\":1}"));
        FakeApprovalService.reject(held.id(), "carol", "wrong account");

        JsonNode result = json(held.response()).path("result");
        assertTrue(result.path("isError").asBoolean());
        String text = result.path("content").path(0).path("text").asText();
        assertTrue(text.contains("wrong account") && text.contains("rejected by carol"), text);
        assertEquals("DENY", result.path("_meta").path("dev.mcpgateway/decision").path("decision").asText());
        assertTrue(FakeUpstream.calls("held_tool").isEmpty());
        DecisionEventV1 e = event(held.id());
        assertEquals(DecisionEventV1.Decision.DENY, e.decision());
        assertTrue(e.reason().startsWith("APPROVAL_REQUIRED → DENY: rejected by carol"), e.reason());
    }

    @Test
    void expiredApprovalIsRefusedAsExpired() throws Exception {
        Held held = hold(call(13, "held_tool", "{}"));
        FakeApprovalService.expire(held.id());

        String text = json(held.response()).path("result").path("content").path(0).path("text").asText();
        assertTrue(text.contains("approval expired"), text);
        assertTrue(FakeUpstream.calls("held_tool").isEmpty());
        assertTrue(event(held.id()).reason().contains("approval expired"));
    }

    @Test
    void aClientWithAProgressTokenGetsProgressWhileItWaits() throws Exception {
        Held held = hold("{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"tools/call\",\"params\":{\"name\":\"held_tool\","
                + "\"arguments\":{},\"_meta\":{\"progressToken\":\"tok-14\"}}}");
        Thread.sleep(500); // a few progress intervals (200ms in tests)
        FakeApprovalService.approve(held.id(), "alice", "", null);

        Response r = held.response();
        assertEquals(200, r.statusCode());
        assertTrue(r.contentType().startsWith("text/event-stream"), r.contentType());
        String sse = r.asString();
        List<JsonNode> events = sse.lines().filter(l -> l.startsWith("data:"))
                .map(l -> {
                    try {
                        return Json.MAPPER.readTree(l.substring(5).strip());
                    } catch (Exception e) {
                        throw new AssertionError(l, e);
                    }
                }).toList();
        List<JsonNode> progress = events.stream().filter(n -> "notifications/progress".equals(n.path("method").asText())).toList();
        assertTrue(progress.size() >= 2, sse);
        double last = -1;
        for (JsonNode p : progress) {
            assertEquals("tok-14", p.path("params").path("progressToken").asText());
            assertTrue(p.path("params").path("message").asText().contains(held.id()), p.toString());
            double value = p.path("params").path("progress").asDouble();
            assertTrue(value > last, "progress increases: " + sse);
            last = value;
        }
        JsonNode answer = events.get(events.size() - 1);
        assertEquals(14, answer.path("id").asInt());
        assertEquals("upstream ran held_tool", answer.path("result").path("content").path(0).path("text").asText());
    }

    @Test
    void cancellingTheHeldCallWithdrawsItsRequest() throws Exception {
        Held held = hold(call(15, "held_tool", "{}"));
        session(session).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":15,"
                + "\"reason\":\"user pressed stop\"}}").post(MCP).then().statusCode(202);

        String text = json(held.response()).path("result").path("content").path(0).path("text").asText();
        assertTrue(text.contains("withdrawn") && text.contains("client cancelled"), text);
        assertEquals(ApprovalStatus.APPROVAL_WITHDRAWN, FakeApprovalService.status(held.id()));
        assertNotNull(FakeApprovalService.WITHDRAWALS.stream().filter(w -> w.getApprovalId().equals(held.id())).findFirst()
                .orElse(null));
        assertTrue(FakeUpstream.calls("held_tool").isEmpty());
        assertTrue(event(held.id()).reason().contains("withdrawn (client cancelled)"));
    }
}
