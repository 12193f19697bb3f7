package dev.mcpgateway.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every setting of catalog-service under the prefix {@code catalog}. Datasource, Flyway and HTTP use the Quarkus keys. */
@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    Seed seed();

    Listing list();

    Discovery discovery();

    Metrics metrics();

    Changes changes();

    interface Seed {
        /** {@code catalog.seed.enabled}: insert the seed catalog's tools at start (existing rows are never touched). Default true. */
        @WithDefault("true")
        boolean enabled();

        /** {@code catalog.seed.resource}: classpath resource holding the seed catalog. Default {@code catalog/smartlead-tools.json}. */
        @WithDefault("catalog/smartlead-tools.json")
        String resource();
    }

    interface Listing {
        /** {@code catalog.list.default-size}: page size when {@code size} is absent. Default 200 (all SmartLead tools in one page). */
        @WithDefault("200")
        int defaultSize();

        /** {@code catalog.list.max-size}: largest accepted {@code size}; more is a 400. Default 500. */
        @WithDefault("500")
        int maxSize();

        ListCache cache();
    }

    interface ListCache {
        /** {@code catalog.list.cache.max-entries}: most serialised list answers kept (one per query and catalog version). Default 256. */
        @WithDefault("256")
        long maxEntries();

        /**
         * {@code catalog.list.cache.ttl}: longest a cached answer is served. This replica's own writes invalidate the
         * cache at once; a write through another replica is seen after at most this long (requests with
         * {@code Cache-Control: no-cache}, as policy-service sends, always read the database). Default 2s.
         */
        @WithDefault("2s")
        Duration ttl();
    }

    interface Discovery {
        /** {@code catalog.discovery.max-tools}: most tools accepted in one discovery report; more is a 400. Default 2000. */
        @WithDefault("2000")
        int maxTools();

        /** {@code catalog.discovery.max-description-chars}: longer descriptions are stored truncated and flagged. Default 8192. */
        @WithDefault("8192")
        int maxDescriptionChars();

        /** {@code catalog.discovery.max-schema-chars}: a tool whose serialized input or output schema is longer is rejected. Default 65536. */
        @WithDefault("65536")
        int maxSchemaChars();

        /** {@code catalog.discovery.mark-missing-removed}: a report is the server's whole tools/list, so known tools absent from it become {@code removed}. Default true. */
        @WithDefault("true")
        boolean markMissingRemoved();
    }

    interface Changes {
        /** {@code catalog.changes.enabled}: publish each detected definition change to Kafka (besides the log line and metric). Default true. */
        @WithDefault("true")
        boolean enabled();

        /** {@code catalog.changes.topic}: the Kafka topic of the change events ({@code ToolChangeEventV1}). Default {@code mcp.catalog.changes}. */
        @WithDefault("mcp.catalog.changes")
        String topic();

        /** {@code catalog.changes.delivery-timeout}: how long the producer keeps trying one event before it counts as failed. Default 30s. */
        @WithDefault("30s")
        Duration deliveryTimeout();
    }

    interface Metrics {
        /** {@code catalog.metrics.refresh-interval}: how often the {@code catalog_tools} gauges re-count the tool table. Default 15s. */
        @WithDefault("15s")
        Duration refreshInterval();
    }
}
