package dev.mcpgateway.proxy.call;

import io.smallrye.mutiny.Uni;

/**
 * What {@link DecideStage} does with an APPROVAL_REQUIRED decision for which policy-service stored an
 * approval request: hold the call until the request is approved (forward), or rejected, expired or
 * withdrawn (reject). Implemented in the {@code approval} package.
 */
@FunctionalInterface
public interface ApprovalHolder {
    Uni<StageResult> hold(CallExchange exchange);
}
