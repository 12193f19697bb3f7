package dev.mcpgateway.proxy.approval;

import dev.mcpgateway.contracts.policy.v1.ApprovalUpdate;
import io.smallrye.mutiny.Uni;

/** What the proxy asks policy-service about a held call's approval request. An interface so tests can fake it. */
public interface ApprovalGateway {

    /** The request's state once it is no longer pending, or APPROVAL_PENDING after about {@code waitMs}. */
    Uni<ApprovalUpdate> await(String approvalId, long waitMs);

    /** Closes the request if it is still pending; its state afterwards. */
    Uni<ApprovalUpdate> withdraw(String approvalId, String reason);

    /**
     * Closes the pending request of the call {@code requestId} (its JSON-RPC id as JSON text) of session
     * {@code sessionId}, wherever it is held; fails with NOT_FOUND when there is none.
     */
    Uni<ApprovalUpdate> withdrawCall(String sessionId, String requestId, String reason);
}
