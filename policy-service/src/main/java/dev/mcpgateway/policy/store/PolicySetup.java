package dev.mcpgateway.policy.store;

import dev.mcpgateway.policy.Background;
import dev.mcpgateway.policy.PolicyConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

/**
 * The registry, filled from the database (after storing changed policy files) at start, then polled for
 * versions written by other replicas. Created empty and filled by a start-up observer for the reason
 * {@code GrantSetup} gives (the gRPC server creates its services on an event loop, before the application
 * starts); until then {@link PolicyRegistry#loaded()} is false and no decision is made. It observes after
 * {@code GrantSetup}, so that flag also says the grants are loaded.
 */
public class PolicySetup {
    @Produces
    @Singleton
    PolicyRegistry registry() {
        return PolicyRegistry.loading();
    }

    void load(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 1) StartupEvent start, PolicyRegistry registry,
              PolicyConfig config, PolicyStore store, Background background) {
        PolicySync sync = new PolicySync(store, registry);
        sync.start(PolicyLoader.read(config));
        registry.markLoaded();
        background.every(config.store().pollInterval(), config.store().pollInterval(), sync::poll);
    }
}
