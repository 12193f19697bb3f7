package dev.mcpgateway.policy.store;

import dev.mcpgateway.policy.Background;
import dev.mcpgateway.policy.PolicyConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The registry, filled from the database (after storing changed policy files) at creation, so that
 * no call can see it empty; then polled for versions written by other replicas.
 */
public class PolicySetup {
    @Produces
    @Singleton
    @Startup
    PolicyRegistry registry(PolicyConfig config, PolicyStore store, Background background) {
        PolicyRegistry registry = new PolicyRegistry();
        PolicySync sync = new PolicySync(store, registry);
        sync.start(PolicyLoader.read(config));
        background.every(config.store().pollInterval(), config.store().pollInterval(), sync::poll);
        return registry;
    }
}
