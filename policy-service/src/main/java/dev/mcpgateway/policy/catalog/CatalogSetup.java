package dev.mcpgateway.policy.catalog;

import dev.mcpgateway.policy.Background;
import dev.mcpgateway.policy.PolicyConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Builds the tool-facts cache and schedules its refresh (the first one right away, in the background). */
public class CatalogSetup {
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
}
