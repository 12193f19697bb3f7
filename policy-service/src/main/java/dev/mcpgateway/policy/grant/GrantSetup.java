package dev.mcpgateway.policy.grant;

import dev.mcpgateway.policy.Background;
import dev.mcpgateway.policy.Blocking;
import dev.mcpgateway.policy.PolicyConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/**
 * The in-memory grant registry, filled from PostgreSQL at start after upserting the demo grant
 * ({@code policy.demo-grant.token}), then kept current by {@link GrantSync}.
 * <p>
 * The registry is created empty and filled by a start-up observer, not by its producer: the gRPC server starts
 * before the application (it creates the gRPC services, and so this registry, on an event loop, where the
 * database cannot be waited for). This observer runs before {@code PolicySetup}'s, which marks the policy registry
 * loaded last: until then Decide answers "could not decide" rather than "unknown grant".
 */
public class GrantSetup {
    private static final Logger LOG = Logger.getLogger(GrantSetup.class);

    @Produces
    @Singleton
    GrantRegistry registry() {
        return new GrantRegistry();
    }

    void load(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start, GrantRegistry registry,
              PolicyConfig config, GrantStore store, Background background) {
        PolicyConfig.DemoGrant demo = config.demoGrant();
        demo.token().filter(t -> !t.isBlank()).ifPresentOrElse(token -> {
            Grant g = new Grant(demo.name(), demo.name(), demo.server(), demo.policyId(), TokenHash.of(token));
            Blocking.await(() -> store.upsert(g, "config:policy.demo-grant"));
            LOG.infof("Demo grant '%s' for server '%s' under policy '%s'", demo.name(), demo.server(), demo.policyId());
        }, () -> LOG.info("No demo grant: policy.demo-grant.token (POLICY_DEMO_GRANT_TOKEN) is not set"));
        GrantSync sync = new GrantSync(store, registry);
        sync.poll();
        background.every(config.store().pollInterval(), config.store().pollInterval(), sync::poll);
    }
}
