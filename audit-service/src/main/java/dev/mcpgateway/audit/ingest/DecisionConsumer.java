package dev.mcpgateway.audit.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.audit.AuditConfig;
import dev.mcpgateway.audit.event.AuditEventStore;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code mcp.decisions} in batches. Per batch: parse every record, insert the good ones in one
 * idempotent statement, dead-letter the bad ones, and only then acknowledge, so a committed offset always
 * means "stored or dead-lettered". A database outage is retried without end (nothing is skipped); the
 * partition simply waits.
 */
@ApplicationScoped
public class DecisionConsumer {

    private static final Logger LOG = Logger.getLogger(DecisionConsumer.class);

    private final AuditEventStore store;
    private final DeadLetterPublisher deadLetters;
    private final IngestMetrics metrics;
    private final DecisionRecordParser parser;
    private final RecordTraces traces;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public DecisionConsumer(AuditEventStore store, DeadLetterPublisher deadLetters, IngestMetrics metrics,
            ObjectMapper json, AuditConfig config, RecordTraces traces) {
        this.store = store;
        this.traces = traces;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.parser = new DecisionRecordParser(json);
        this.initialBackoff = Duration.ofMillis(config.ingest().retryInitialBackoffMs());
        this.maxBackoff = Duration.ofMillis(config.ingest().retryMaxBackoffMs());
    }

    /** A parsed record, kept with its source so it can still be dead-lettered if the database refuses it. */
    record Parsed(KafkaRecord<String, byte[]> source, DecisionEventV1 event) {
    }

    record Rejected(KafkaRecord<String, byte[]> source, String reason) {
    }

    @Incoming("decisions")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        Timer.Sample sample = Timer.start();
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        metrics.consumed(records.size());
        // Keyed by decision id: a duplicate within one batch is stored once, like one across batches.
        Map<String, Parsed> good = new LinkedHashMap<>();
        List<Rejected> bad = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : records) {
            try {
                DecisionEventV1 event = parser.parse(record.getPayload());
                if (good.putIfAbsent(event.decisionId(), new Parsed(record, event)) == null) {
                    metrics.decided(event);
                }
            } catch (MalformedRecordException e) {
                bad.add(new Rejected(record, e.getMessage()));
            }
        }
        return storeAll(new ArrayList<>(good.values()))
                .chain(refused -> {
                    bad.addAll(refused);
                    return deadLetterAll(bad);
                })
                .chain(() -> Uni.createFrom().completionStage(batch.ack()))
                .invoke(() -> sample.stop(metrics.batchTimer()));
    }

    /** Stores the batch; returns the events the database refused as data (dead-letter them, don't retry). */
    private Uni<List<Rejected>> storeAll(List<Parsed> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<DecisionEventV1> batch = events.stream().map(Parsed::event).toList();
        // Deferred (inside the span) so each retry runs a fresh statement in a fresh transaction, traced.
        return traces.store(events.stream().map(Parsed::source).toList(), () -> store.insertAll(batch))
                .invoke(inserted -> metrics.stored(inserted, events.size()))
                .<List<Rejected>>map(inserted -> List.of())
                .onFailure(DatabaseErrors::isDataError).recoverWithUni(e -> {
                    LOG.warnf("batch of %d refused by the database (%s); storing one by one", events.size(),
                            DatabaseErrors.describe(e));
                    return storeOneByOne(events);
                })
                .onFailure().invoke(e -> {
                    metrics.storeFailed();
                    LOG.warnf("storing %d audit events failed, retrying: %s", events.size(), DatabaseErrors.describe(e));
                })
                .onFailure().retry().withBackOff(initialBackoff, maxBackoff).indefinitely();
    }

    private Uni<List<Rejected>> storeOneByOne(List<Parsed> events) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(p -> traces.store(List.of(p.source()), () -> store.insertAll(List.of(p.event())))
                        .invoke(inserted -> metrics.stored(inserted, 1))
                        .map(inserted -> (Rejected) null)
                        .onFailure(DatabaseErrors::isDataError).recoverWithItem(
                                e -> new Rejected(p.source(), "rejected by the database: " + DatabaseErrors.describe(e))))
                .select().where(r -> r != null)
                .collect().asList();
    }

    private Uni<Void> deadLetterAll(List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // One at a time: rare, and it keeps the emitter's buffer out of the picture. A failed send is
        // retried rather than acknowledged, so a malformed record is never silently dropped.
        return Multi.createFrom().iterable(rejected)
                .onItem().transformToUniAndConcatenate(r -> deadLetters.publish(r.source(), r.reason())
                        .onFailure().invoke(e -> LOG.warnf("dead-letter send failed, retrying: %s", e.toString()))
                        .onFailure().retry().withBackOff(initialBackoff, maxBackoff).indefinitely())
                .collect().last()
                .replaceWithVoid();
    }
}
