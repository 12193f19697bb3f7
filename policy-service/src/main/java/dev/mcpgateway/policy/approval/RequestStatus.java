package dev.mcpgateway.policy.approval;

import dev.mcpgateway.contracts.policy.v1.ApprovalStatus;
import java.util.Locale;

/** Where an approval request stands; stored lower-case in {@code approval_request.status}. */
public enum RequestStatus {
    PENDING, APPROVED, REJECTED, EXPIRED, WITHDRAWN;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RequestStatus fromDb(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    public ApprovalStatus proto() {
        return switch (this) {
            case PENDING -> ApprovalStatus.APPROVAL_PENDING;
            case APPROVED -> ApprovalStatus.APPROVAL_APPROVED;
            case REJECTED -> ApprovalStatus.APPROVAL_REJECTED;
            case EXPIRED -> ApprovalStatus.APPROVAL_EXPIRED;
            case WITHDRAWN -> ApprovalStatus.APPROVAL_WITHDRAWN;
        };
    }
}
