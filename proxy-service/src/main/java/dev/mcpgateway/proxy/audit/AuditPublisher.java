package dev.mcpgateway.proxy.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The one thread that moves events from the {@link AuditOutbox} to the {@link AuditTransport}, a round
 * at a time: send up to {@code batchSize} events, wait until each is acknowledged or failed, then
 * either take the next round or retry the failed events of this one, in their order, after a pause.
 * Nothing newer is sent while older events are unacknowledged, so the order per session key holds.
 * <p>
 * Exactly once as far as the proxy can tell: an acknowledged event is never sent again. Two cases can
 * still put an event twice on the topic (audit-service deduplicates on the decision id): a send that
 * timed out although the broker wrote it, and a restart after a crash, which delivers the spill file's
 * events since the last checkpoint again. One case can invert two events of one session: the earlier one's
 * delivery times out while the later one, in the same round, is acknowledged (the broker came back in the
 * milliseconds between their deadlines); the earlier one is then delivered right after.
 */
public final class AuditPublisher {

    private static final Logger LOG = Logger.getLogger(AuditPublisher.class);
    private static final long MIN_BACKOFF_MS = 200;

    private final AuditOutbox outbox;
    private final AuditTransport transport;
    private final int batchSize;
    private final long maxBackoffMs;
    private final long roundWaitMs;
    private final long unavailableAfterNanos;

    private volatile boolean running;
    private volatile boolean failing;
    private volatile long roundStartedNanos;
    private volatile Thread thread;

    // The current round: publisher thread only (and the shutdown path after the thread ended).
    private List<AuditOutbox.Pending> round;
    private boolean[] done;

    /**
     * @param deliveryTimeout the transport's own bound on one send; the publisher waits a little longer
     * @param unavailableAfter how long a round may stay unacknowledged before {@link #available()} says no
     */
    public AuditPublisher(AuditOutbox outbox, AuditTransport transport, int batchSize, Duration retryBackoffMax,
                          Duration deliveryTimeout, Duration unavailableAfter) {
        this.outbox = outbox;
        this.transport = transport;
        this.batchSize = Math.max(1, batchSize);
        this.maxBackoffMs = Math.max(MIN_BACKOFF_MS, retryBackoffMax.toMillis());
        this.roundWaitMs = deliveryTimeout.toMillis() + 10_000;
        this.unavailableAfterNanos = unavailableAfter.toNanos();
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        Thread t = new Thread(this::loop, "audit-publisher");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /**
     * Keeps delivering for up to {@code grace} (what is already buffered), then stops the thread and writes
     * what is left, memory included, to the spill file. Returns how many events were kept for the next start.
     */
    public int stop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && (outbox.bufferedEvents() > 0) && !failing) {
            sleep(20);
        }
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Math.max(1_000, roundWaitMs));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<AuditRecord> unsent = new ArrayList<>();
        if (round != null) {
            for (int i = 0; i < round.size(); i++) {
                if (!done[i] && round.get(i).spillEnd() == null) {
                    unsent.add(round.get(i).record()); // spill-file events stay in the file: not checkpointed
                }
            }
        }
        return outbox.persist(unsent);
    }

    /** False while Kafka does not acknowledge: the last round failed, or the current one is older than allowed. */
    public boolean available() {
        if (failing) {
            return false;
        }
        long started = roundStartedNanos;
        return started == 0 || System.nanoTime() - started < unavailableAfterNanos;
    }

    private void loop() {
        long backoff = MIN_BACKOFF_MS;
        while (running) {
            try {
                if (round == null) {
                    List<AuditOutbox.Pending> next = outbox.next(batchSize, 200);
                    if (next.isEmpty()) {
                        continue;
                    }
                    round = next;
                    done = new boolean[next.size()];
                    roundStartedNanos = System.nanoTime();
                }
                int failed = attempt();
                if (failed == 0) {
                    outbox.delivered(round);
                    round = null;
                    roundStartedNanos = 0;
                    if (failing) {
                        LOG.info("Kafka acknowledges decision events again");
                    }
                    failing = false;
                    backoff = MIN_BACKOFF_MS;
                } else {
                    if (!failing) {
                        LOG.warnf("Kafka did not acknowledge %d decision event(s); they are kept and retried in order", failed);
                    }
                    failing = true;
                    outbox.meters().deliveryFailures.increment(failed);
                    Thread.sleep(backoff);
                    backoff = Math.min(maxBackoffMs, backoff * 2);
                }
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                // Never let the thread die: an unexpected error is one failed attempt.
                LOG.errorf(e, "audit publisher error");
                failing = true;
                sleep(backoff);
            }
        }
    }

    /** Sends the round's undelivered events in order; returns how many are still undelivered. */
    private int attempt() throws InterruptedException {
        List<Integer> sent = new ArrayList<>();
        List<CompletableFuture<Void>> results = new ArrayList<>();
        for (int i = 0; i < round.size(); i++) {
            if (done[i]) {
                continue;
            }
            try {
                results.add(transport.send(round.get(i).record()));
                sent.add(i);
            } catch (RuntimeException e) {
                // No metadata in time, most likely: the broker is away; the rest of the round waits too.
                LOG.debugf("send failed: %s", e.getMessage());
                break;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(roundWaitMs);
        int acked = 0;
        for (int j = 0; j < sent.size(); j++) {
            CompletableFuture<Void> f = results.get(j);
            long left = deadline - System.nanoTime();
            try {
                f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
                done[sent.get(j)] = true;
                acked++;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // Stays undelivered: retried with the others of this round.
            }
        }
        outbox.meters().acked.increment(acked);
        int undelivered = 0;
        for (boolean d : done) {
            if (!d) {
                undelivered++;
            }
        }
        return undelivered;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
