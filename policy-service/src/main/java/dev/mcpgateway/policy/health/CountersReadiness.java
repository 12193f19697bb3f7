package dev.mcpgateway.policy.health;

import dev.mcpgateway.policy.PolicyConfig;
import dev.mcpgateway.policy.limit.CounterStore;
import dev.mcpgateway.policy.limit.CounterStoreUnavailableException;
import dev.mcpgateway.policy.limit.CounterKey;
import dev.mcpgateway.policy.document.Scope;
import dev.mcpgateway.policy.document.Window;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the counter store answers: with Redis down every limited call would be
 * "could not decide", so the replica should leave the load balancer. Memory counters are always up.
 */
@Readiness
@ApplicationScoped
public class CountersReadiness implements HealthCheck {
    private static final CounterKey PROBE = new CounterKey("_health", "_probe", Window.SECOND, Scope.GLOBAL, "*");

    @Inject
    CounterStore counters;
    @Inject
    PolicyConfig config;

    @Override
    public HealthCheckResponse call() {
        String store = config.limits().store().name();
        try {
            counters.current(PROBE, 0);
            return HealthCheckResponse.named("counters").up().withData("store", store).build();
        } catch (CounterStoreUnavailableException e) {
            return HealthCheckResponse.named("counters").down().withData("store", store)
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
