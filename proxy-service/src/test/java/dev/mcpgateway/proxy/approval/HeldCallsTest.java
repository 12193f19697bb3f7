package dev.mcpgateway.proxy.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.contracts.policy.v1.ApprovalStatus;
import dev.mcpgateway.contracts.policy.v1.ApprovalUpdate;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.proxy.auth.Grant;
import dev.mcpgateway.proxy.call.CallExchange;
import dev.mcpgateway.proxy.call.StageResult;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcMessage;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcParser;
import dev.mcpgateway.proxy.session.ProxySession;
import dev.mcpgateway.proxy.testing.TestConfig;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The hold itself, with a scripted ApprovalGateway: restart retries, proxy shutdown, vanished requests. */
class HeldCallsTest {

    /** Never answers a long poll; records withdrawals. */
    static class SilentGateway implements ApprovalGateway {
        final List<String> withdrawn = new CopyOnWriteArrayList<>();

        @Override
        public Uni<ApprovalUpdate> await(String approvalId, long waitMs) {
            return Uni.createFrom().nothing();
        }

        @Override
        public Uni<ApprovalUpdate> withdraw(String approvalId, String reason) {
            withdrawn.add(approvalId + ": " + reason);
            return Uni.createFrom().item(ApprovalUpdate.newBuilder().setApprovalId(approvalId)
                    .setStatus(ApprovalStatus.APPROVAL_WITHDRAWN).build());
        }

        @Override
        public Uni<ApprovalUpdate> withdrawCall(String sessionId, String requestId, String reason) {
            withdrawn.add("session " + sessionId + " call " + requestId + ": " + reason);
            return Uni.createFrom().failure(Status.NOT_FOUND.asRuntimeException());
        }
    }

    /** Answers the first long poll with an approval that edits the arguments to {@code editedJson}. */
    static ApprovalGateway approvesWith(String editedJson) {
        return new SilentGateway() {
            @Override
            public Uni<ApprovalUpdate> await(String approvalId, long waitMs) {
                return Uni.createFrom().item(ApprovalUpdate.newBuilder().setApprovalId(approvalId)
                        .setStatus(ApprovalStatus.APPROVAL_APPROVED).setApprover("alice")
                        .setArgumentsJson(com.google.protobuf.ByteString.copyFromUtf8(editedJson)).addEditedKeys("a").build());
            }
        };
    }

    private static dev.mcpgateway.proxy.validation.ArgumentValidationStage validation(
            dev.mcpgateway.proxy.validation.ValidationMode mode) throws Exception {
        dev.mcpgateway.proxy.validation.ToolSchemas schemas = new dev.mcpgateway.proxy.validation.ToolSchemas(null);
        schemas.replace("smartlead", Json.MAPPER.readTree("[{\"name\":\"t\",\"inputSchema\":{\"type\":\"object\","
                + "\"properties\":{\"a\":{\"type\":\"integer\",\"maximum\":10}},\"required\":[\"a\"]}}]"));
        return new dev.mcpgateway.proxy.validation.ArgumentValidationStage(schemas,
                new dev.mcpgateway.proxy.validation.ArgumentChecker(), server -> mode);
    }

    @Test
    void approverEditsAreCheckedAgainstTheToolsSchemaBeforeTheCallGoesOn() throws Exception {
        var enforce = validation(dev.mcpgateway.proxy.validation.ValidationMode.ENFORCE);
        CallExchange ok = exchange("a-5");
        StageResult fine = new HeldCalls(approvesWith("{\"a\":9}"), TestConfig.defaults(), new SimpleMeterRegistry(), enforce)
                .hold(ok).await().atMost(Duration.ofSeconds(5));
        assertInstanceOf(StageResult.Forward.class, fine);
        assertEquals(Decision.ALLOW, ok.decision().getDecision());
        assertEquals(9, ok.forwardedRequest().param("arguments").path("a").asInt());

        CallExchange bad = exchange("a-6");
        StageResult refused = new HeldCalls(approvesWith("{\"a\":11}"), TestConfig.defaults(), new SimpleMeterRegistry(),
                enforce).hold(bad).await().atMost(Duration.ofSeconds(5));
        StageResult.Reject reject = assertInstanceOf(StageResult.Reject.class, refused);
        var meta = reject.response().path("result").path("_meta").path(dev.mcpgateway.proxy.call.Refusals.META_KEY);
        assertEquals("/a", meta.path("schemaErrors").path(0).path("pointer").asText(), meta.toString());
        assertEquals("maximum", meta.path("schemaErrors").path(0).path("keyword").asText());
        assertEquals("a-6", meta.path("decisionId").asText(), "the approval's decision id stays: its reservation is settled");
        assertEquals(Decision.DENY, bad.decision().getDecision());
        assertEquals(dev.mcpgateway.proxy.validation.ArgumentValidationStage.RULE, bad.decision().getRule());
        assertTrue(bad.decision().getReason().startsWith("APPROVAL_REQUIRED → DENY: the approver's edited arguments do not "
                + "match the tool's input schema: /a"), bad.decision().getReason());
        assertTrue(bad.decision().getReason().contains("approved by alice"), bad.decision().getReason());

        // The agent's own arguments (a = 1) were valid; only the edit is checked here, and only when there is one.
        CallExchange unedited = exchange("a-7");
        ApprovalGateway plain = new SilentGateway() {
            @Override
            public Uni<ApprovalUpdate> await(String approvalId, long waitMs) {
                return Uni.createFrom().item(ApprovalUpdate.newBuilder().setApprovalId(approvalId)
                        .setStatus(ApprovalStatus.APPROVAL_APPROVED).setApprover("bob").build());
            }
        };
        assertInstanceOf(StageResult.Forward.class, new HeldCalls(plain, TestConfig.defaults(), new SimpleMeterRegistry(),
                enforce).hold(unedited).await().atMost(Duration.ofSeconds(5)));

        // warn mode: forwarded, the errors noted for the audit event.
        CallExchange warned = exchange("a-8");
        assertInstanceOf(StageResult.Forward.class, new HeldCalls(approvesWith("{\"a\":\"x\"}"), TestConfig.defaults(),
                new SimpleMeterRegistry(), validation(dev.mcpgateway.proxy.validation.ValidationMode.WARN))
                .hold(warned).await().atMost(Duration.ofSeconds(5)));
        assertTrue(warned.auditNotes().toString().contains("edited arguments do not match"), warned.auditNotes().toString());
    }

    @Test
    void aCancelOfACallHeldHereWithdrawsItsRequestByApprovalId() {
        SilentGateway gateway = new SilentGateway();
        HeldCalls held = new HeldCalls(gateway, TestConfig.defaults(), new SimpleMeterRegistry());
        CallExchange ex = exchange("a-4");
        var result = held.hold(ex).subscribeAsCompletionStage();

        assertTrue(held.cancelled("s-1", com.fasterxml.jackson.databind.node.IntNode.valueOf(7)));

        StageResult.Reject reject = assertInstanceOf(StageResult.Reject.class, result.toCompletableFuture().join());
        assertTrue(reject.response().toString().contains("client cancelled"));
        assertEquals(List.of("a-4: client cancelled"), gateway.withdrawn);
    }

    @Test
    void aCancelOfACallNotHeldHereIsPassedToPolicyServiceBySessionAndRequestId() {
        SilentGateway gateway = new SilentGateway();
        HeldCalls held = new HeldCalls(gateway, TestConfig.defaults(), new SimpleMeterRegistry());

        // The call was held by another replica: this one knows only the session and the JSON-RPC id.
        assertFalse(held.cancelled("s-1", com.fasterxml.jackson.databind.node.IntNode.valueOf(15)));
        assertFalse(held.cancelled("s-1", com.fasterxml.jackson.databind.node.TextNode.valueOf("req-9")));
        // No id, or one that is no JSON-RPC id: nothing to withdraw.
        assertFalse(held.cancelled("s-1", com.fasterxml.jackson.databind.node.MissingNode.getInstance()));

        assertEquals(List.of("session s-1 call 15: client cancelled", "session s-1 call \"req-9\": client cancelled"),
                gateway.withdrawn);
    }

    @Test
    void stoppingTheProxyEndsHeldCallsAndClosesTheirRequests() {
        SilentGateway gateway = new SilentGateway();
        HeldCalls held = new HeldCalls(gateway, TestConfig.defaults(), new SimpleMeterRegistry());
        CallExchange ex = exchange("a-1");
        var result = held.hold(ex).subscribeAsCompletionStage();
        assertEquals(1, held.size());

        held.stopping(null);

        StageResult r = result.toCompletableFuture().join();
        StageResult.Reject reject = assertInstanceOf(StageResult.Reject.class, r);
        String text = reject.response().path("result").path("content").path(0).path("text").asText();
        assertTrue(text.contains("the gateway is shutting down"), text);
        assertEquals(List.of("a-1: the gateway is shutting down"), gateway.withdrawn);
        assertEquals(Decision.DENY, ex.decision().getDecision());
        assertTrue(ex.decision().getReason().startsWith("APPROVAL_REQUIRED → DENY: withdrawn"), ex.decision().getReason());
        assertEquals(0, held.size());
    }

    @Test
    void policyServiceRestartingIsRetriedUntilTheOutcomeArrives() {
        AtomicInteger polls = new AtomicInteger();
        ApprovalGateway flaky = new SilentGateway() {
            @Override
            public Uni<ApprovalUpdate> await(String approvalId, long waitMs) {
                if (polls.incrementAndGet() < 3) {
                    return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("restarting").asRuntimeException());
                }
                return Uni.createFrom().item(ApprovalUpdate.newBuilder().setApprovalId(approvalId)
                        .setStatus(ApprovalStatus.APPROVAL_APPROVED).setApprover("alice").build());
            }
        };
        HeldCalls held = new HeldCalls(flaky, TestConfig.defaults(), new SimpleMeterRegistry());
        CallExchange ex = exchange("a-2");
        StageResult r = held.hold(ex).await().atMost(Duration.ofSeconds(10));
        assertInstanceOf(StageResult.Forward.class, r);
        assertEquals(3, polls.get(), "two failed polls (1s apart by default), then the answer");
        assertEquals(Decision.ALLOW, ex.decision().getDecision());
    }

    @Test
    void aRequestPolicyServiceNoLongerKnowsIsUndecidedNotAllowed() {
        ApprovalGateway gone = new SilentGateway() {
            @Override
            public Uni<ApprovalUpdate> await(String approvalId, long waitMs) {
                return Uni.createFrom().failure(Status.NOT_FOUND.asRuntimeException());
            }
        };
        CallExchange ex = exchange("a-3");
        StageResult r = new HeldCalls(gone, TestConfig.defaults(), new SimpleMeterRegistry()).hold(ex)
                .await().atMost(Duration.ofSeconds(5));
        assertInstanceOf(StageResult.Reject.class, r);
        assertTrue(ex.isUndecided(), "fails closed, and says it could not decide");
    }

    private static CallExchange exchange(String approvalId) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"t\",\"arguments\":{\"a\":1}}}";
        JsonRpcMessage msg = ((JsonRpcParser.Single) JsonRpcParser.parse(body.getBytes(StandardCharsets.UTF_8))).message();
        ProxySession session = new ProxySession("s-1", "sealed-s-1", "smartlead", "g-1", "demo", "up-1", "2025-11-25",
                Json.object(), Instant.now(), Instant.now().plusSeconds(60));
        CallExchange ex = new CallExchange(msg, "smartlead", new Grant("g-1", "demo", "", "p-1"), session, "t",
                (ObjectNode) msg.param("arguments"), null, Instant.now(), System.nanoTime(), null);
        ex.decided(DecideResponse.newBuilder().setDecision(Decision.APPROVAL_REQUIRED).setDecisionId(approvalId)
                .setApprovalId(approvalId).setApprovalExpiresAtMs(System.currentTimeMillis() + 300_000)
                .setReason("critical").setRule("/tools/t/action").setEnforced(true).build());
        return ex;
    }
}
