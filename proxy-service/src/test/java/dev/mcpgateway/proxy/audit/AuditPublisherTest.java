package dev.mcpgateway.proxy.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditPublisherTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Broker broker = new Broker();
    private AuditPublisher publisher;

    /** A broker that acknowledges while up and fails every send while down (after a short timeout). */
    static final class Broker implements AuditTransport {
        volatile boolean up = true;
        volatile boolean hang;
        final List<String> sent = Collections.synchronizedList(new ArrayList<>());
        final List<String> acked = Collections.synchronizedList(new ArrayList<>());

        @Override
        public CompletableFuture<Void> send(AuditRecord r) {
            sent.add(r.decisionId());
            if (hang) {
                return new CompletableFuture<>(); // never answers (until the publisher's own deadline)
            }
            if (!up) {
                return CompletableFuture.failedFuture(new org.apache.kafka.common.errors.TimeoutException("expired"));
            }
            acked.add(r.decisionId());
            return CompletableFuture.completedFuture(null);
        }
    }

    @AfterEach
    void stop() {
        if (publisher != null) {
            publisher.stop(Duration.ZERO);
        }
    }

    private AuditOutbox outbox(int memory) {
        return new AuditOutbox(memory, new SpillFile(dir, 1 << 20, 1 << 20), registry);
    }

    private static void offer(AuditOutbox o, int n) {
        o.offer("s-" + (n % 3), "d-" + n, ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), null, null);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    private static List<String> ids(int from, int to) {
        List<String> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add("d-" + i);
        }
        return l;
    }

    @Test
    void aBrokerOutageLosesNothingAndDeliversEachEventOnceInOrder() throws Exception {
        AuditOutbox outbox = outbox(10);
        publisher = new AuditPublisher(outbox, broker, 4, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5));
        publisher.start();
        for (int i = 0; i < 20; i++) {
            offer(outbox, i);
        }
        await("the first 20 are delivered", () -> broker.acked.size() == 20);

        broker.up = false;
        for (int i = 20; i < 60; i++) {
            offer(outbox, i); // 10 fit in memory, the rest spill
        }
        await("a delivery failed", () -> !publisher.available());
        assertTrue(outbox.spilledEvents() > 0, "events beyond the buffer wait in the spill file");
        broker.up = true;
        await("all 60 are delivered", () -> broker.acked.size() == 60);

        assertEquals(ids(0, 60), broker.acked, "each event acknowledged exactly once, in arrival order");
        await("the spill file is delivered", () -> outbox.spilledEvents() == 0 && outbox.bufferedEvents() == 0);
        assertTrue(publisher.available());
        assertTrue(registry.get("mcp.proxy.audit.delivery.failures").counter().count() > 0);
        assertEquals(60, registry.get("mcp.proxy.decision.events").tag("result", "acked").counter().count());
        assertEquals(0, registry.get("mcp.proxy.decision.events").tag("result", "failed").counter().count());
    }

    @Test
    void nothingNewerIsSentWhileAnOlderEventIsUnacknowledged() throws Exception {
        AuditOutbox outbox = outbox(100);
        publisher = new AuditPublisher(outbox, broker, 3, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5));
        broker.up = false;
        publisher.start();
        for (int i = 0; i < 9; i++) {
            offer(outbox, i);
        }
        await("a few attempts", () -> broker.sent.size() >= 9);
        List<String> attempted;
        synchronized (broker.sent) {
            attempted = List.copyOf(broker.sent);
        }
        assertTrue(attempted.stream().allMatch(ids(0, 3)::contains),
                "only the first round is tried until it is acknowledged: " + attempted);
        broker.up = true;
        await("all delivered", () -> broker.acked.size() == 9);
        assertEquals(ids(0, 9), broker.acked);
    }

    @Test
    void aRoundThatHangsMakesTheAuditLogUnavailableAfterTheConfiguredTime() throws Exception {
        AuditOutbox outbox = outbox(100);
        broker.hang = true;
        publisher = new AuditPublisher(outbox, broker, 10, Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofMillis(300));
        publisher.start();
        assertTrue(publisher.available(), "available before anything is sent");
        offer(outbox, 0);
        await("unavailable", () -> !publisher.available());
    }

    @Test
    void stoppingKeepsUndeliveredEventsForTheNextStart() throws Exception {
        AuditOutbox outbox = outbox(100);
        broker.up = false;
        publisher = new AuditPublisher(outbox, broker, 2, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
        publisher.start();
        for (int i = 0; i < 5; i++) {
            offer(outbox, i);
        }
        await("a failed attempt", () -> !publisher.available());
        assertEquals(5, publisher.stop(Duration.ofMillis(100)));
        publisher = null;
        outbox.close();

        Broker back = new Broker();
        AuditOutbox restarted = new AuditOutbox(100, new SpillFile(dir, 1 << 20, 1 << 20), new SimpleMeterRegistry());
        publisher = new AuditPublisher(restarted, back, 2, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
        publisher.start();
        offer(restarted, 5);
        await("replayed", () -> back.acked.size() == 6);
        assertEquals(ids(0, 6), back.acked, "the replayed events first, then the new one");
        assertFalse(restarted.spilling() && restarted.spilledEvents() > 0);
    }
}
