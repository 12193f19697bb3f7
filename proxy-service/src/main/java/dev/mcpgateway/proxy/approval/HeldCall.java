package dev.mcpgateway.proxy.approval;

import dev.mcpgateway.contracts.policy.v1.ApprovalStatus;
import dev.mcpgateway.contracts.policy.v1.ApprovalUpdate;
import dev.mcpgateway.proxy.call.CallExchange;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletableFuture;

/**
 * One call held for approval on this proxy. {@link #withdrawLocally} ends the wait at once (the
 * client cancelled or left, or the proxy is stopping) whatever policy-service says or whether it answers.
 */
final class HeldCall {
    final CallExchange exchange;
    final String approvalId;
    final long expiresAtMs;
    final long startNanos = System.nanoTime();
    private final CompletableFuture<ApprovalUpdate> local = new CompletableFuture<>();

    HeldCall(CallExchange exchange, String approvalId, long expiresAtMs) {
        this.exchange = exchange;
        this.approvalId = approvalId;
        this.expiresAtMs = expiresAtMs;
    }

    /** True the first time only. */
    boolean withdrawLocally(String reason) {
        long now = System.currentTimeMillis();
        long created = now - (System.nanoTime() - startNanos) / 1_000_000;
        return local.complete(ApprovalUpdate.newBuilder().setApprovalId(approvalId)
                .setStatus(ApprovalStatus.APPROVAL_WITHDRAWN).setReason(reason)
                .setCreatedAtMs(created).setDecidedAtMs(now).setExpiresAtMs(expiresAtMs).build());
    }

    boolean withdrawn() {
        return local.isDone();
    }

    /** A fresh dependent stage each time: Mutiny cancels the stage it was given when the race is lost. */
    Uni<ApprovalUpdate> localEnd() {
        return Uni.createFrom().completionStage(() -> local.thenApply(u -> u));
    }
}
