package dev.mcpgateway.audit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcpgateway.audit.TestEvents;
import dev.mcpgateway.contracts.audit.DecisionEventV1.Decision;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** audit_decisions_total: labelled by server, tool, risk, decision and rule, with made-up tool names folded into one. */
class IngestMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry);
    private final Instant at = Instant.parse("2026-03-01T10:15:30Z");

    @Test
    void countsDecisionsByToolAndDecision() {
        metrics.decided(TestEvents.event("d-1", "s-1", at, Decision.DENY, "smartlead_delete_campaign", "critical", "no"));
        metrics.decided(TestEvents.event("d-2", "s-1", at, Decision.DENY, "smartlead_delete_campaign", "critical", "no"));
        metrics.decided(TestEvents.event("d-3", "s-1", at, Decision.ALLOW, "smartlead_get_campaign", "low", "ok"));

        assertEquals(2.0, registry.get("audit.decisions").tag("tool", "smartlead_delete_campaign")
                .tag("decision", "DENY").tag("risk", "critical").tag("server", "smartlead").tag("rule", "/default")
                .counter().count());
        assertEquals(1.0, registry.get("audit.decisions").tag("tool", "smartlead_get_campaign")
                .tag("decision", "ALLOW").counter().count());
    }

    @Test
    void toolsTheCatalogDoesNotKnowShareOneLabel() {
        metrics.decided(TestEvents.event("d-1", "s-1", at, Decision.DENY, "made_up_1", null, "unknown tool"));
        metrics.decided(TestEvents.event("d-2", "s-1", at, Decision.DENY, "made_up_2", " ", "unknown tool"));

        assertEquals(1, registry.find("audit.decisions").counters().size(), "one series for every unknown tool");
        assertEquals(2.0, registry.get("audit.decisions").tag("tool", IngestMetrics.UNKNOWN_TOOL)
                .tag("risk", "unknown").counter().count());
    }
}
