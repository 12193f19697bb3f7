package dev.mcpgateway.proxy.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditOutboxTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    static void offer(AuditOutbox outbox, int n) {
        assertTrue(outbox.offer("s-" + (n % 4), "d-" + n, ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), null, null));
    }

    static int n(AuditOutbox.Pending p) {
        return Integer.parseInt(new String(p.record().value(), StandardCharsets.UTF_8).replaceAll("\\D", ""));
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private double events(String result) {
        return registry.get("mcp.proxy.decision.events").tag("result", result).counter().count();
    }

    /** Takes and delivers everything, in rounds of {@code round}; the numbers in the order taken. */
    static List<Integer> drain(AuditOutbox outbox, int round) throws InterruptedException {
        List<Integer> out = new ArrayList<>();
        while (true) {
            List<AuditOutbox.Pending> next = outbox.next(round, 10);
            if (next.isEmpty()) {
                return out;
            }
            next.forEach(p -> out.add(n(p)));
            outbox.delivered(next);
        }
    }

    @Test
    void aFullBufferSpillsAndEverythingComesOutInArrivalOrder() throws Exception {
        AuditOutbox outbox = new AuditOutbox(5, new SpillFile(dir, 1 << 20, 1 << 20), registry);
        for (int i = 0; i < 12; i++) {
            offer(outbox, i);
        }
        assertEquals(5, gauge("mcp.proxy.audit.buffer.events"));
        assertEquals(7, gauge("mcp.proxy.audit.spill.events"));
        assertEquals(7, events("spilled"));
        assertTrue(outbox.spilling());

        // Two taken from memory; meanwhile more arrive: they queue behind the spill file, not in memory.
        List<AuditOutbox.Pending> first = outbox.next(2, 10);
        offer(outbox, 12);
        offer(outbox, 13);
        outbox.delivered(first);
        List<Integer> order = new ArrayList<>(first.stream().map(AuditOutboxTest::n).toList());
        order.addAll(drain(outbox, 3));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), order);
        assertEquals(9, events("replayed"));
        assertEquals(0, gauge("mcp.proxy.audit.spill.events"));
        assertFalse(outbox.spilling(), "once the spill file is delivered, events go to memory again");

        offer(outbox, 14);
        assertEquals(1, gauge("mcp.proxy.audit.buffer.events"));
        assertEquals(0, gauge("mcp.proxy.audit.spill.events"));
    }

    @Test
    void whatIsLeftAtShutdownIsDeliveredAfterTheRestartInOrder() throws Exception {
        AuditOutbox before = new AuditOutbox(4, new SpillFile(dir, 1 << 20, 1 << 20), registry);
        for (int i = 0; i < 10; i++) {
            offer(before, i); // 0..3 in memory, 4..9 spilled
        }
        List<AuditOutbox.Pending> inFlight = before.next(2, 10); // 0, 1 sent, never acknowledged
        assertEquals(4, before.persist(inFlight.stream().map(AuditOutbox.Pending::record).toList()));
        before.close();

        AuditOutbox after = new AuditOutbox(4, new SpillFile(dir, 1 << 20, 1 << 20), new SimpleMeterRegistry());
        assertTrue(after.spilling(), "new events queue behind the replayed ones");
        offer(after, 10);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), drain(after, 4));
    }

    @Test
    void theGaugesHaveTheNamesTheAlertRulesUse() {
        io.micrometer.prometheus.PrometheusMeterRegistry prometheus =
                new io.micrometer.prometheus.PrometheusMeterRegistry(io.micrometer.prometheus.PrometheusConfig.DEFAULT);
        AuditOutbox outbox = new AuditOutbox(1, new SpillFile(dir, 1 << 20, 1 << 20), prometheus);
        offer(outbox, 0);
        offer(outbox, 1);
        offer(outbox, 2);
        String scrape = prometheus.scrape().replace(",}", "}"); // the simpleclient format ends labels with a comma
        assertTrue(scrape.contains("\nmcp_proxy_audit_buffer_events 1.0"), scrape);
        assertTrue(scrape.contains("\nmcp_proxy_audit_spill_events 2.0"), scrape);
        assertTrue(scrape.contains("mcp_proxy_decision_events_total{result=\"spilled\"} 2.0"), scrape);
        outbox.close();
    }

    @Test
    void withoutRoomAnywhereAnEventIsLostAndCounted() {
        AuditOutbox outbox = new AuditOutbox(2, null, registry);
        offer(outbox, 0);
        offer(outbox, 1);
        assertFalse(outbox.offer("s", "d-2", "{}".getBytes(StandardCharsets.UTF_8), null, null));
        assertEquals(1, events("failed"));
        assertEquals(2, gauge("mcp.proxy.audit.buffer.events"));
    }
}
