package dev.mcpgateway.proxy.call;

import dev.mcpgateway.contracts.policy.v1.Outcome;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.proxy.policy.PolicyGateway;
import org.jboss.logging.Logger;

/**
 * Settles each decision that reserved rate-limit quota ({@code skip_settle} false), once the upstream outcome
 * is known, so the reservation is kept (UPSTREAM_OK) or given back (UPSTREAM_ERROR, NOT_FORWARDED). A
 * decision that reserved nothing is not settled: that Settle would be a second gRPC call per tools/call
 * that changes nothing. Fire-and-forget: the agent's answer never waits for it.
 */
public final class SettleListener implements CallListener {

    private static final Logger LOG = Logger.getLogger(SettleListener.class);
    private final PolicyGateway policy;

    public SettleListener(PolicyGateway policy) {
        this.policy = policy;
    }

    @Override
    public void completed(CallExchange ex) {
        if (ex.decision() == null || ex.decision().getDecisionId().isEmpty()) {
            return; // nothing was decided, nothing to settle
        }
        if (ex.decision().getSkipSettle()) {
            return; // nothing was reserved, nothing to keep or give back
        }
        SettleRequest request = SettleRequest.newBuilder()
                .setDecisionId(ex.decision().getDecisionId())
                .setOutcome(outcome(ex))
                .setUpstreamLatencyMs(ex.upstreamLatencyMs() == null ? 0 : ex.upstreamLatencyMs())
                .build();
        policy.settle(request).subscribe().with(
                ok -> { },
                t -> LOG.warnf("Settle of decision %s failed: %s", request.getDecisionId(), t.getMessage()));
    }

    static Outcome outcome(CallExchange ex) {
        return switch (ex.upstreamOutcome()) {
            case OK, TOOL_ERROR -> Outcome.UPSTREAM_OK;
            case ERROR, TIMEOUT -> Outcome.UPSTREAM_ERROR;
            case NOT_FORWARDED -> Outcome.NOT_FORWARDED;
        };
    }
}
