package dev.mcpgateway.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of audit-service under the prefix {@code audit}. Kafka, datasource and HTTP use the Quarkus keys. */
@ConfigMapping(prefix = "audit")
public interface AuditConfig {

    Query query();

    Retention retention();

    Export export();

    Ingest ingest();

    interface Query {
        /** {@code audit.query.default-limit}: page size when {@code limit} is absent. Default 100. */
        @WithDefault("100")
        int defaultLimit();

        /** {@code audit.query.max-limit}: largest accepted {@code limit}; more is a 400. Default 1000. */
        @WithDefault("1000")
        int maxLimit();

        /** {@code audit.query.max-buckets}: most time buckets one stats query may span; more is a 400. Default 10000. */
        @WithDefault("10000")
        int maxBuckets();
    }

    interface Retention {
        /** {@code audit.retention.days}: rows older than this many days are deleted; 0 keeps everything. Default 90. */
        @WithDefault("90")
        int days();

        /** {@code audit.retention.batch-size}: rows deleted per statement, so one run never holds a long lock. Default 5000. */
        @WithDefault("5000")
        int batchSize();

        /**
         * {@code audit.retention.every}: how often the job runs (Quarkus scheduler syntax, {@code off} disables).
         * Default 1h. Read by {@code @Scheduled} directly.
         */
        @WithDefault("1h")
        String every();
    }

    interface Export {
        /** {@code audit.export.page-size}: rows fetched per database round trip while streaming an export. Default 500. */
        @WithDefault("500")
        int pageSize();
    }

    interface Ingest {
        /** {@code audit.ingest.retry-initial-backoff-ms}: first wait before retrying a failed store (database down). Default 200. */
        @WithDefault("200")
        long retryInitialBackoffMs();

        /** {@code audit.ingest.retry-max-backoff-ms}: longest wait between store retries; retries never give up. Default 10000. */
        @WithDefault("10000")
        long retryMaxBackoffMs();
    }
}
