package dev.mcpgateway.policy.approval;

import dev.mcpgateway.policy.Background;
import dev.mcpgateway.policy.Blocking;
import dev.mcpgateway.policy.PolicyConfig;
import dev.mcpgateway.policy.grant.GrantRegistry;
import dev.mcpgateway.policy.limit.ReservationBook;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Wires {@link Approvals} (plain constructor arguments, as {@code DecisionSetup} does) and starts the
 * expiry sweep. Nothing about pending requests is loaded at start: they live in PostgreSQL, so a
 * restart loses none of them and a waiting proxy simply polls again.
 */
public class ApprovalSetup {
    private static final Logger LOG = Logger.getLogger(ApprovalSetup.class);

    @Produces
    @Singleton
    ApprovalWebhook webhook(PolicyConfig config) {
        return new ApprovalWebhook(config.approvals().webhook());
    }

    @Produces
    @Singleton
    @Startup
    Approvals approvals(PolicyConfig config, ApprovalStore store, ApprovalWebhook webhook, GrantRegistry grants,
                        ReservationBook reservations, Clock clock, Background background) {
        PolicyConfig.Approvals a = config.approvals();
        Approvals approvals = new Approvals(store, new ApprovalWaiters(),
                new ArgumentSchemas(config.catalog().url(), config.catalog().timeout()), webhook, grants, reservations, clock,
                a.ttl(), a.maxWait(), a.sweepInterval());
        background.every(a.sweepInterval(), a.sweepInterval(), () -> {
            int expired = Blocking.await(approvals::expireDue);
            if (expired > 0) {
                LOG.infof("%d approval request(s) expired", expired);
            }
        });
        return approvals;
    }
}
