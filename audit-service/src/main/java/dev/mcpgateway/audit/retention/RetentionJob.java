package dev.mcpgateway.audit.retention;

import dev.mcpgateway.audit.AuditConfig;
import dev.mcpgateway.audit.event.AuditEventStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/** Deletes rows older than {@code audit.retention.days}, one bounded batch per transaction. */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final AuditEventStore store;
    private final AuditConfig config;

    public RetentionJob(AuditEventStore store, AuditConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(identity = "audit-retention", every = "${audit.retention.every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge(Instant.now()).replaceWithVoid();
    }

    /** Deletes everything older than the retention period before {@code now}; returns how many rows went. */
    public Uni<Long> purge(Instant now) {
        int days = config.retention().days();
        if (days <= 0) {
            return Uni.createFrom().item(0L);
        }
        Instant cutoff = now.minus(Duration.ofDays(days));
        int batch = config.retention().batchSize();
        AtomicLong total = new AtomicLong();
        return Multi.createBy().repeating()
                .uni(() -> store.deleteOlderThan(cutoff, batch))
                .whilst(deleted -> deleted == batch)
                .onItem().invoke(total::addAndGet)
                .collect().last()
                .map(ignored -> total.get())
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("retention: deleted %d audit events older than %s", n, cutoff);
                    }
                });
    }
}
