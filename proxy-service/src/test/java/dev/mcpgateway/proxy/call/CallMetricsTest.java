package dev.mcpgateway.proxy.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.contracts.audit.DecisionEventV1.UpstreamOutcome;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.proxy.auth.Grant;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcMessage;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcParser;
import dev.mcpgateway.proxy.metrics.ProxyMeterFilters;
import dev.mcpgateway.proxy.metrics.ToolCallMeters;
import dev.mcpgateway.proxy.session.ProxySession;
import dev.mcpgateway.proxy.upstream.UpstreamMessage;
import dev.mcpgateway.proxy.upstream.UpstreamTransport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final KnownTools known = new KnownTools();
    private final CallMetrics metrics = new CallMetrics(registry, known);

    private Counter calls(String tool, String decision, String risk, String outcome) {
        return registry.find(CallMetrics.TOOL_CALLS).tag("server", "smartlead").tag("tool", tool).tag("decision", decision)
                .tag("risk", risk).tag("outcome", outcome).counter();
    }

    @Test
    void aToolTheUpstreamDidNotListIsCountedAsUnknown() throws Exception {
        metrics.completed(exchange("made_up_tool", Decision.DENY, "high", null));
        assertEquals(1, calls("_unknown", "DENY", "high", "NOT_FORWARDED").count());
        assertNull(registry.find(CallMetrics.TOOL_CALLS).tag("tool", "made_up_tool").counter(),
                "an agent cannot create label values by calling names");
    }

    @Test
    void aListedToolIsCountedByNameWithItsRiskAndItsRefusalsExistAtZero() throws Exception {
        metrics.toolsListed(upstream(), list("list_campaigns", "delete_campaign"), true);
        metrics.completed(exchange("delete_campaign", Decision.ALLOW, "CRITICAL", 40L));
        assertEquals(1, calls("delete_campaign", "ALLOW", "critical", "OK").count());
        Counter denied = calls("delete_campaign", "DENY", "critical", "NOT_FORWARDED");
        assertNotNull(denied, "registered at 0 so that increase() sees the first refusal");
        assertEquals(0, denied.count());

        metrics.toolsListed(upstream(), list("list_campaigns"), true);
        metrics.completed(exchange("delete_campaign", Decision.ALLOW, "critical", 40L));
        assertEquals(1, calls("_unknown", "ALLOW", "critical", "OK").count(), "the last tools/list counts");
    }

    @Test
    void repeatedCallsCountOnTheSameMetersAndEachLabelSetOnItsOwn() throws Exception {
        metrics.toolsListed(upstream(), list("t"), true);
        for (int i = 0; i < 3; i++) {
            metrics.completed(exchange("t", Decision.ALLOW, "low", 5L));
        }
        metrics.completed(exchange("t", Decision.DENY, "low", null));
        assertEquals(3, calls("t", "ALLOW", "low", "OK").count());
        assertEquals(1, calls("t", "DENY", "low", "NOT_FORWARDED").count());
        assertEquals(4, registry.find("mcp.proxy.tool.call.duration").tag("server", "smartlead").timer().count());
        assertEquals(3, registry.find("mcp.proxy.upstream.duration").tag("server", "smartlead").timer().count(),
                "only forwarded calls have an upstream part");
        assertEquals(3, registry.find("mcp.proxy.added.latency").tag("server", "smartlead").timer().count());
    }

    @Test
    void aRiskOutsideTheCatalogsLevelsIsUnknown() throws Exception {
        metrics.toolsListed(upstream(), list("t"), true);
        metrics.completed(exchange("t", Decision.ALLOW, "apocalyptic-" + System.nanoTime(), 1L));
        assertEquals(1, calls("t", "ALLOW", "unknown", "OK").count());
    }

    @Test
    void everyConfiguredServerAndDecisionStartsAtZero() {
        ToolCallMeters.register(registry, List.of("smartlead", "local"));
        for (String d : CallMetrics.DECISIONS) {
            Counter c = registry.find(CallMetrics.TOOL_CALLS).tag("server", "local").tag("decision", d).counter();
            assertNotNull(c, d);
            assertEquals(0, c.count());
        }
    }

    @Test
    void addedLatencyIsTheWholeCallMinusTheUpstreamAndTimersAreHistograms() throws Exception {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        prometheus.config().meterFilter(ProxyMeterFilters.histogramFilter());
        CallMetrics onPrometheus = new CallMetrics(prometheus, known);
        CallExchange ex = exchange("t", Decision.ALLOW, "low", 30L, System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(50));
        onPrometheus.completed(ex);

        Timer added = prometheus.find("mcp.proxy.added.latency").tag("server", "smartlead").timer();
        assertNotNull(added);
        double addedMs = added.totalTime(TimeUnit.MILLISECONDS);
        assertTrue(addedMs >= 19 && addedMs < 1000, "about 50 ms total minus 30 ms upstream: " + addedMs);
        assertEquals(30, prometheus.find("mcp.proxy.upstream.duration").timer().totalTime(TimeUnit.MILLISECONDS), 0.001);

        String scrape = prometheus.scrape().replace(",}", "}"); // the simpleclient format ends labels with a comma
        for (String histogram : List.of("mcp_proxy_tool_call_duration_seconds_bucket{", "mcp_proxy_upstream_duration_seconds_bucket{",
                "mcp_proxy_added_latency_seconds_bucket{")) {
            assertTrue(scrape.contains(histogram), histogram + " in\n" + scrape);
        }
        assertTrue(scrape.contains("mcp_proxy_tool_calls_total{decision=\"ALLOW\",outcome=\"OK\",risk=\"low\",server=\"smartlead\",tool=\"_unknown\"} 1.0"),
                scrape);
    }

    // ---------------------------------------------------------------- helpers

    private static UpstreamTransport upstream() {
        return new UpstreamTransport() {
            @Override
            public String name() {
                return "smartlead";
            }

            @Override
            public io.smallrye.mutiny.Uni<dev.mcpgateway.proxy.upstream.UpstreamReply> send(
                    dev.mcpgateway.proxy.upstream.UpstreamCall call, java.util.function.Consumer<UpstreamMessage> interim) {
                throw new UnsupportedOperationException();
            }

            @Override
            public io.smallrye.mutiny.Uni<io.smallrye.mutiny.Multi<dev.mcpgateway.proxy.upstream.SseParser.SseEvent>> openEventStream(
                    String sessionId, String protocolVersion, String lastEventId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public io.smallrye.mutiny.Uni<Void> terminate(String sessionId, String protocolVersion) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static UpstreamMessage list(String... tools) throws Exception {
        StringBuilder sb = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[");
        for (int i = 0; i < tools.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"name\":\"").append(tools[i]).append("\"}");
        }
        String json = sb.append("]}}").toString();
        return new UpstreamMessage((ObjectNode) Json.MAPPER.readTree(json), json.getBytes(StandardCharsets.UTF_8));
    }

    private static CallExchange exchange(String tool, Decision d, String risk, Long upstreamMs) {
        return exchange(tool, d, risk, upstreamMs, System.nanoTime());
    }

    private static CallExchange exchange(String tool, Decision d, String risk, Long upstreamMs, long startNanos) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":{}}}";
        JsonRpcMessage msg = ((JsonRpcParser.Single) JsonRpcParser.parse(body.getBytes(StandardCharsets.UTF_8))).message();
        ProxySession session = new ProxySession("s-1", "sealed-s-1", "smartlead", "g-1", "demo", "up-1", "2025-11-25",
                Json.object(), Instant.now(), Instant.now().plusSeconds(60));
        CallExchange ex = new CallExchange(msg, "smartlead", new Grant("g-1", "demo", "", "p-1"), session, tool,
                Json.object(), Context.root(), Instant.now(), startNanos, null);
        ex.decided(DecideResponse.newBuilder().setDecision(d).setEnforced(true).setToolRisk(risk).setDecisionId("d-1").build());
        if (upstreamMs != null) {
            ex.upstreamDone(UpstreamOutcome.OK, upstreamMs);
        }
        return ex;
    }
}
