package dev.mcpgateway.proxy.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Every decision event between the call and Kafka: a bounded memory buffer, then the {@link SpillFile}.
 * One order, arrival order: once the buffer is full new events go to the spill file, and keep going there
 * until it is delivered, so the buffer (older) is always sent before the spill file (newer).
 * <p>
 * {@link #offer} is on the call path: it never blocks on Kafka, only appends to memory or a file.
 */
public final class AuditOutbox {

    private static final Logger LOG = Logger.getLogger(AuditOutbox.class);

    /** One event handed to the publisher: from memory ({@code spillEnd} null) or from the spill file. */
    public record Pending(AuditRecord record, SpillFile.Position spillEnd) {
    }

    private final Object lock = new Object();
    private final ArrayDeque<AuditRecord> memory = new ArrayDeque<>();
    private final int maxMemory;
    private final SpillFile spill;
    private final AuditMeters meters;
    private boolean spilling;
    private long nextSeq;
    private int inFlightFromMemory;
    private long lastLossLog;

    /** @param spill null: memory only (events beyond {@code maxMemory} are lost) */
    public AuditOutbox(int maxMemory, SpillFile spill, MeterRegistry registry) {
        this.maxMemory = Math.max(1, maxMemory);
        this.spill = spill;
        this.meters = new AuditMeters(registry);
        this.spilling = spill != null && spill.pending() > 0;
        this.nextSeq = spill == null ? 0 : spill.maxSeq() + 1;
        Gauge.builder("mcp.proxy.audit.buffer.events", this, AuditOutbox::bufferedEvents)
                .description("Decision events in the proxy's memory buffer, waiting for or being sent to Kafka").register(registry);
        Gauge.builder("mcp.proxy.audit.spill.events", this, AuditOutbox::spilledEvents)
                .description("Decision events in the local spill file, not yet delivered to Kafka").register(registry);
        Gauge.builder("mcp.proxy.audit.spill.size", this, o -> o.spill == null ? 0 : o.spill.bytes())
                .baseUnit("bytes").description("Bytes of the local spill file").register(registry);
    }

    AuditMeters meters() {
        return meters;
    }

    /** Takes one event; false when it is lost (memory and spill file full), which is counted and logged. */
    public boolean offer(String key, String decisionId, byte[] value, String traceparent, String tracestate) {
        synchronized (lock) {
            AuditRecord r = new AuditRecord(nextSeq++, key, decisionId, value, traceparent, tracestate);
            if (!spilling && memory.size() < maxMemory) {
                memory.addLast(r);
                lock.notifyAll();
                return true;
            }
            if (spill != null && spill.append(r)) {
                if (!spilling) {
                    LOG.warnf("audit buffer full (%d events): decision events now go to the spill file until Kafka catches up", maxMemory);
                }
                spilling = true;
                meters.spilled.increment();
                lock.notifyAll();
                return true;
            }
            meters.failed.increment();
            long now = System.nanoTime();
            if (now - lastLossLog > 10_000_000_000L) {
                lastLossLog = now;
                LOG.errorf("decision event %s LOST: the audit buffer and the spill file are full", decisionId);
            }
            return false;
        }
    }

    /**
     * The next events in order, at most {@code max}; waits up to {@code waitMillis} for one. Events from
     * memory leave the buffer now; events from the spill file stay in it until {@link #delivered}.
     */
    public List<Pending> next(int max, long waitMillis) throws InterruptedException {
        synchronized (lock) {
            long deadline = System.currentTimeMillis() + waitMillis;
            while (memory.isEmpty() && (spill == null || !spill.hasUnread())) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return List.of();
                }
                lock.wait(left);
            }
            if (!memory.isEmpty()) {
                List<Pending> out = new ArrayList<>(Math.min(max, memory.size()));
                while (out.size() < max && !memory.isEmpty()) {
                    out.add(new Pending(memory.pollFirst(), null));
                }
                inFlightFromMemory += out.size();
                return out;
            }
        }
        // Only memory is older than the spill file, and it is empty: read the file outside the lock.
        List<SpillFile.Spilled> read = spill.read(max);
        List<Pending> out = new ArrayList<>(read.size());
        for (SpillFile.Spilled s : read) {
            out.add(new Pending(s.record(), s.end()));
        }
        return out;
    }

    /** A round the publisher took is fully acknowledged by Kafka. */
    public void delivered(List<Pending> round) {
        int fromMemory = 0;
        int fromSpill = 0;
        SpillFile.Position last = null;
        for (Pending p : round) {
            if (p.spillEnd() == null) {
                fromMemory++;
            } else {
                fromSpill++;
                last = p.spillEnd();
            }
        }
        if (last != null) {
            spill.commit(last, fromSpill);
            meters.replayed.increment(fromSpill);
        }
        synchronized (lock) {
            inFlightFromMemory -= fromMemory;
            if (spilling && spill.pending() == 0 && !spill.hasUnread()) {
                spill.reset();
                spilling = false;
                LOG.info("audit spill file delivered: decision events go to the memory buffer again");
            }
        }
    }

    /**
     * At shutdown, after the publisher stopped: what is still in memory (after {@code unsent}, the
     * publisher's undelivered round from memory, which is older) goes to the spill file for the next start.
     * Returns how many events were written.
     */
    public int persist(List<AuditRecord> unsent) {
        List<AuditRecord> all;
        synchronized (lock) {
            all = new ArrayList<>(unsent);
            all.addAll(memory);
            memory.clear();
            inFlightFromMemory = 0;
        }
        if (all.isEmpty()) {
            return 0;
        }
        if (spill == null) {
            meters.failed.increment(all.size());
            LOG.errorf("%d decision event(s) LOST at shutdown: no spill file", all.size());
            return 0;
        }
        try {
            spill.writeOlder(all);
            LOG.infof("%d decision event(s) kept in the spill file for the next start", all.size());
            return all.size();
        } catch (IOException e) {
            meters.failed.increment(all.size());
            LOG.errorf("%d decision event(s) LOST at shutdown: %s", all.size(), e.getMessage());
            return 0;
        }
    }

    public long bufferedEvents() {
        synchronized (lock) {
            return memory.size() + inFlightFromMemory;
        }
    }

    public long spilledEvents() {
        return spill == null ? 0 : spill.pending();
    }

    /** True while events go to (or wait in) the spill file. */
    public boolean spilling() {
        synchronized (lock) {
            return spilling;
        }
    }

    public void close() {
        if (spill != null) {
            spill.close();
        }
    }
}
