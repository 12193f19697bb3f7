package dev.mcpgateway.policy.approval;

import java.time.Instant;
import java.util.List;

/**
 * One stored approval request (table {@code approval_request}).
 *
 * @param arguments       the agent's arguments as JSON text
 * @param editedArguments the approver's edit as JSON text, or null
 * @param outcomeReason   reject reason, "approval expired" or the withdrawal reason; null while pending or approved
 */
public record ApprovalRequest(String id, RequestStatus status, String grantId, String grantName, String sessionId,
                              String server, String tool, String arguments, String risk, String category, String rule,
                              String policyId, long policyVersion, String policyReason, Instant createdAt,
                              Instant expiresAt, Instant decidedAt, String decidedBy, String note, String outcomeReason,
                              String editedArguments, List<String> editedKeys) {

    public boolean pending() {
        return status == RequestStatus.PENDING;
    }
}
