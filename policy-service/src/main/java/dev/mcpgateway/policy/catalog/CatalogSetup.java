package dev.mcpgateway.policy.catalog;

import dev.mcpgateway.policy.Background;
import dev.mcpgateway.policy.PolicyConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Builds the tool-facts cache and schedules its refresh (the first one right away, in the background), and starts
 * following catalog change events when {@code policy.catalog.changes.enabled}.
 */
public class CatalogSetup {
    private static final Logger LOG = Logger.getLogger(CatalogSetup.class);

    @Produces
    @Singleton
    @Startup
    ToolFactsCache cache(PolicyConfig config, Background background) {
        PolicyConfig.Catalog c = config.catalog();
        ToolFactsCache cache = new ToolFactsCache(new CatalogClient(c.url(), c.timeout(), c.token()), background.executor());
        c.servers().forEach(cache::track);
        background.every(Duration.ZERO, c.refreshInterval(), cache::refreshAll);
        return cache;
    }

    /** Started here, off the startup path: creating the consumer contacts no broker, its thread does. */
    @Produces
    @Singleton
    @Startup
    CatalogChangeListener changes(PolicyConfig config, ToolFactsCache cache,
                                  @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        PolicyConfig.Catalog.Changes c = config.catalog().changes();
        CatalogChangeListener listener = new CatalogChangeListener(kafka, c.bootstrapServers(), c.topic(), c.retryInterval(),
                c.partitionCheckInterval(), cache);
        if (c.enabled()) {
            listener.start();
        } else {
            LOG.info("catalog change events not followed (policy.catalog.changes.enabled=false): tool facts refresh every "
                    + config.catalog().refreshInterval());
        }
        return listener;
    }

    void close(@Disposes CatalogChangeListener listener) {
        listener.close();
    }
}
