package dev.mcpgateway.policy.store;

import dev.mcpgateway.policy.PolicyConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The registry, filled at creation so that no call can see it empty. */
public class PolicySetup {
    @Produces
    @Singleton
    @Startup
    PolicyRegistry registry(PolicyConfig config) {
        PolicyRegistry registry = new PolicyRegistry();
        PolicyLoader.load(config, registry);
        return registry;
    }
}
