package dev.mcpgateway.policy.health;

import dev.mcpgateway.policy.catalog.ToolFactsCache;
import dev.mcpgateway.policy.grant.GrantRegistry;
import dev.mcpgateway.policy.store.PolicyRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once policies are loaded (the only store this service needs today). The catalog is
 * reported but does not gate readiness: without it decisions go on with empty risk facts.
 */
@Readiness
@ApplicationScoped
public class PoliciesReadiness implements HealthCheck {
    @Inject
    PolicyRegistry policies;
    @Inject
    GrantRegistry grants;
    @Inject
    ToolFactsCache catalog;

    @Override
    public HealthCheckResponse call() {
        int n = policies.all().size();
        return HealthCheckResponse.named("policies").status(n > 0 && policies.loaded()).withData("policies", n)
                .withData("grants", grants.size()).withData("catalog_reachable", catalog.reachable()).build();
    }
}
