package dev.mcpgateway.proxy.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import dev.mcpgateway.proxy.audit.AuditJson;
import dev.mcpgateway.proxy.audit.AuditOutbox;
import dev.mcpgateway.proxy.auth.Grant;
import dev.mcpgateway.proxy.call.CallAnswer;
import dev.mcpgateway.proxy.call.CallChain;
import dev.mcpgateway.proxy.call.CallExchange;
import dev.mcpgateway.proxy.call.CallStage;
import dev.mcpgateway.proxy.call.StageResult;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcMessage;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcParser;
import dev.mcpgateway.proxy.session.ProxySession;
import dev.mcpgateway.proxy.upstream.UpstreamMessage;
import dev.mcpgateway.proxy.upstream.UpstreamReply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** proxy.audit.on-unavailable: the audit gate in front of the chain, and the event of every call behind it. */
class FailClosedTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AuditOutbox outbox = new AuditOutbox(100, null, registry);
    private final AtomicBoolean kafkaUp = new AtomicBoolean(true);
    private final AtomicInteger forwarded = new AtomicInteger();

    private CallAnswer call(boolean failClosed) {
        DecisionEmitter audit = new DecisionEmitter(outbox, kafkaUp::get, failClosed, registry);
        CallChain chain = new CallChain(List.<CallStage>of(audit, ex -> {
            ex.decided(dev.mcpgateway.contracts.policy.v1.DecideResponse.newBuilder()
                    .setDecision(dev.mcpgateway.contracts.policy.v1.Decision.ALLOW).setEnforced(true).setDecisionId("d-ok").build());
            return Uni.createFrom().item(StageResult.forward());
        }), (ex, interim) -> {
            forwarded.incrementAndGet();
            return Uni.createFrom().item(reply("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[]}}"));
        }, List.of(audit));
        return chain.run(exchange(), m -> { }).await().atMost(Duration.ofSeconds(5));
    }

    private DecisionEventV1 onlyEvent() throws Exception {
        List<AuditOutbox.Pending> pending = outbox.next(10, 100);
        assertEquals(1, pending.size(), "exactly one decision event per call");
        return AuditJson.MAPPER.readValue(pending.get(0).record().value(), DecisionEventV1.class);
    }

    @Test
    void failClosedRefusesWhileKafkaIsAwayAndStillAuditsTheRefusal() throws Exception {
        kafkaUp.set(false);
        CallAnswer answer = call(true);

        ObjectNode response = assertInstanceOf(CallAnswer.Answered.class, answer).response();
        JsonNode result = response.path("result");
        assertTrue(result.path("isError").asBoolean());
        assertTrue(result.path("content").path(0).path("text").asText().contains("audit log is unavailable"),
                result.toString());
        assertEquals("UNDECIDED", result.path("_meta").path("dev.mcpgateway/decision").path("decision").asText());
        assertEquals(0, forwarded.get(), "a refused call never reaches the upstream");

        DecisionEventV1 event = onlyEvent();
        assertEquals(DecisionEventV1.Decision.UNDECIDED, event.decision());
        assertTrue(event.reason().contains("audit log is unavailable"), event.reason());
        assertEquals(DecisionEventV1.UpstreamOutcome.NOT_FORWARDED, event.upstreamOutcome());
        assertEquals(1, registry.get("mcp.proxy.audit.refusals").counter().count());
    }

    @Test
    void failClosedServesWhileKafkaAcknowledges() throws Exception {
        assertInstanceOf(CallAnswer.Relayed.class, call(true));
        assertEquals(1, forwarded.get());
        assertEquals(DecisionEventV1.Decision.ALLOW, onlyEvent().decision());
    }

    @Test
    void failOpenServesWhileKafkaIsAwayAndBuffersTheEvent() throws Exception {
        kafkaUp.set(false);
        assertInstanceOf(CallAnswer.Relayed.class, call(false));
        assertEquals(1, forwarded.get());
        DecisionEventV1 event = onlyEvent();
        assertEquals("d-ok", event.decisionId());
        assertEquals(0, registry.get("mcp.proxy.audit.refusals").counter().count());
    }

    @Test
    void theEventCarriesTheSessionKeyAndTheCallsTraceContext() throws Exception {
        call(false);
        AuditOutbox.Pending p = outbox.next(10, 100).get(0);
        assertEquals("s-1", p.record().key());
        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", p.record().traceparent());
    }

    private static UpstreamReply reply(String json) {
        try {
            return new UpstreamReply(new UpstreamMessage((ObjectNode) Json.MAPPER.readTree(json),
                    json.getBytes(StandardCharsets.UTF_8)), "up-1", 2);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CallExchange exchange() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"t\",\"arguments\":{\"a\":1}}}";
        JsonRpcMessage msg = ((JsonRpcParser.Single) JsonRpcParser.parse(body.getBytes(StandardCharsets.UTF_8))).message();
        ProxySession session = new ProxySession("s-1", "sealed-s-1", "smartlead", "g-1", "demo", "up-1", "2025-11-25",
                Json.object(), Instant.now(), Instant.now().plusSeconds(60));
        Context trace = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
                "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault())));
        return new CallExchange(msg, "smartlead", new Grant("g-1", "demo", "", "p-1"), session, "t",
                (ObjectNode) msg.param("arguments"), trace, Instant.now(), System.nanoTime(), null);
    }
}
