package dev.mcpgateway.proxy.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.proxy.auth.Grant;
import dev.mcpgateway.proxy.call.CallExchange;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcMessage;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcParser;
import dev.mcpgateway.proxy.session.ProxySession;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionEventsTest {

    private static final String ARGS = "{\"campaign_id\":5,\"password\":\"p\",\"lead\":{\"email\":\"a@b\",\"api_key\":\"k\"},\"note\":\"n\"}";

    @Test
    void byDefaultOnlyArgumentKeysAreKept() {
        DecisionEventV1 ev = DecisionEvents.build(exchange(decided(Decision.ALLOW, List.of())), System.nanoTime());
        assertEquals(List.of("campaign_id", "password", "lead", "note"), ev.argumentKeys());
        assertNull(ev.arguments());
        assertTrue(ev.maskedPaths().isEmpty());
    }

    @Test
    void valuesOnlyAtAllowedPathsAndSecretsMasked() {
        DecisionEventV1 ev = DecisionEvents.build(exchange(decided(Decision.ALLOW,
                List.of("args.campaign_id", "password", "/lead", "args.missing"))), System.nanoTime());
        assertEquals(5, ev.arguments().get("campaign_id"));
        assertEquals(DecisionEvents.MASK, ev.arguments().get("password"));
        @SuppressWarnings("unchecked")
        Map<String, Object> lead = (Map<String, Object>) ev.arguments().get("lead");
        assertEquals("a@b", lead.get("email"));
        assertEquals(DecisionEvents.MASK, lead.get("api_key"));
        assertEquals(List.of("password", "lead.api_key"), ev.maskedPaths());
        assertTrue(!ev.arguments().containsKey("note") && !ev.arguments().containsKey("missing"));
    }

    @Test
    void carriesTheDecisionAndTheCall() {
        CallExchange ex = exchange(decided(Decision.RATE_LIMITED, List.of()));
        DecisionEventV1 ev = DecisionEvents.build(ex, ex.startNanos() + 5_000_000);
        assertEquals(DecisionEventV1.VERSION, ev.eventVersion());
        assertEquals("d-9", ev.decisionId());
        assertEquals(DecisionEventV1.Decision.RATE_LIMITED, ev.decision());
        assertEquals("s-1", ev.sessionId());
        assertEquals("g-1", ev.grantId());
        assertEquals("smartlead", ev.server());
        assertEquals("tool_x", ev.tool());
        assertEquals("high", ev.toolRisk());
        assertEquals(7L, ev.policyVersion());
        assertEquals(0L, ev.limitRemaining());
        assertEquals(3000L, ev.retryAfterMs());
        assertEquals(DecisionEventV1.UpstreamOutcome.NOT_FORWARDED, ev.upstreamOutcome());
        assertEquals(5, ev.totalLatencyMs());
    }

    @Test
    void couldNotDecideIsUndecidedWithAGatewayDecisionId() {
        CallExchange ex = exchange(null);
        ex.undecided("the policy service is unavailable");
        DecisionEventV1 ev = DecisionEvents.build(ex, System.nanoTime());
        assertEquals(DecisionEventV1.Decision.UNDECIDED, ev.decision());
        assertTrue(ev.decisionId().startsWith("gw-"));
        assertTrue(ev.reason().contains("could not decide"));
        assertTrue(ev.enforced());
        assertNull(ev.policyVersion());
    }

    private static DecideResponse decided(Decision d, List<String> auditPaths) {
        return DecideResponse.newBuilder().setDecision(d).setDecisionId("d-9").setEnforced(true).setRule("/r")
                .setPolicyId("p").setPolicyVersion(7).setToolRisk("high").setToolCategory("write")
                .setLimitRemaining(d == Decision.RATE_LIMITED ? 0 : -1).setRetryAfterMs(d == Decision.RATE_LIMITED ? 3000 : 0)
                .addAllAuditArgumentValues(auditPaths).build();
    }

    private static CallExchange exchange(DecideResponse decision) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"tool_x\",\"arguments\":" + ARGS + "}}";
        JsonRpcMessage msg = ((JsonRpcParser.Single) JsonRpcParser.parse(body.getBytes(StandardCharsets.UTF_8))).message();
        ProxySession session = new ProxySession("s-1", "sealed-s-1", "smartlead", "g-1", "demo", "up", "2025-11-25", Json.object(), Instant.now(), Instant.now().plusSeconds(60));
        CallExchange ex = new CallExchange(msg, "smartlead", new Grant("g-1", "demo", "", "p"), session, "tool_x",
                (ObjectNode) msg.param("arguments"), Context.root(), Instant.now(), System.nanoTime(), null);
        if (decision != null) {
            ex.decided(decision);
        }
        return ex;
    }
}
