package dev.mcpgateway.policy.approval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A standing approval as the operator API shows it; {@code active} is computed at read time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StandingView(String id, String grant, String tool, Integer calls,
                           @JsonProperty("calls_used") int callsUsed, @JsonProperty("calls_left") Integer callsLeft,
                           @JsonProperty("expires_at") Instant expiresAt, @JsonProperty("created_at") Instant createdAt,
                           @JsonProperty("created_by") String createdBy, String note,
                           @JsonProperty("revoked_at") Instant revokedAt, @JsonProperty("revoked_by") String revokedBy,
                           boolean active) {

    static StandingView of(StandingApproval s, Instant now) {
        return new StandingView(s.id(), s.grantId(), s.tool(), s.maxCalls(), s.callsUsed(), s.callsLeft(), s.expiresAt(),
                s.createdAt(), s.createdBy(), s.note(), s.revokedAt(), s.revokedBy(), s.activeAt(now));
    }
}
