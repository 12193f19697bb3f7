package dev.mcpgateway.policy.approval;

import java.time.Instant;

/**
 * "Allow this tool for this grant for the next N calls or T minutes" (table {@code standing_approval}).
 *
 * @param maxCalls  null = no call limit
 * @param expiresAt null = no time limit
 */
public record StandingApproval(String id, String grantId, String tool, Integer maxCalls, int callsUsed,
                               Instant expiresAt, Instant createdAt, String createdBy, String note,
                               Instant revokedAt, String revokedBy) {

    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now))
                && (maxCalls == null || callsUsed < maxCalls);
    }

    /** Calls left, or null when only time bounds it. */
    public Integer callsLeft() {
        return maxCalls == null ? null : Math.max(0, maxCalls - callsUsed);
    }
}
