package dev.mcpgateway.proxy.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
