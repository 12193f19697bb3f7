package dev.mcpgateway.policy.grant;

import dev.mcpgateway.policy.PolicyConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Creates the registry and, when {@code policy.demo-grant.token} is set, the demo grant. */
public class GrantSetup {
    private static final Logger LOG = Logger.getLogger(GrantSetup.class);

    @Produces
    @Singleton
    GrantRegistry registry(PolicyConfig config) {
        GrantRegistry registry = new GrantRegistry();
        PolicyConfig.DemoGrant demo = config.demoGrant();
        demo.token().filter(t -> !t.isBlank()).ifPresentOrElse(token -> {
            registry.put(new Grant(demo.name(), demo.name(), demo.server(), demo.policyId(), TokenHash.of(token)));
            LOG.infof("Demo grant '%s' for server '%s' under policy '%s'", demo.name(), demo.server(), demo.policyId());
        }, () -> LOG.info("No demo grant: policy.demo-grant.token (POLICY_DEMO_GRANT_TOKEN) is not set"));
        return registry;
    }
}
