package dev.mcpgateway.policy.grant;

import dev.mcpgateway.policy.Background;
import dev.mcpgateway.policy.Blocking;
import dev.mcpgateway.policy.PolicyConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The in-memory grant registry, filled from PostgreSQL at creation after upserting the demo grant
 * ({@code policy.demo-grant.token}), then kept current by {@link GrantSync}.
 */
public class GrantSetup {
    private static final Logger LOG = Logger.getLogger(GrantSetup.class);

    @Produces
    @Singleton
    @Startup
    GrantRegistry registry(PolicyConfig config, GrantStore store, Background background) {
        GrantRegistry registry = new GrantRegistry();
        PolicyConfig.DemoGrant demo = config.demoGrant();
        demo.token().filter(t -> !t.isBlank()).ifPresentOrElse(token -> {
            Grant g = new Grant(demo.name(), demo.name(), demo.server(), demo.policyId(), TokenHash.of(token));
            Blocking.await(() -> store.upsert(g, "config:policy.demo-grant"));
            LOG.infof("Demo grant '%s' for server '%s' under policy '%s'", demo.name(), demo.server(), demo.policyId());
        }, () -> LOG.info("No demo grant: policy.demo-grant.token (POLICY_DEMO_GRANT_TOKEN) is not set"));
        GrantSync sync = new GrantSync(store, registry);
        sync.poll();
        background.every(config.store().pollInterval(), config.store().pollInterval(), sync::poll);
        return registry;
    }
}
