package dev.mcpgateway.policy.approval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;

/** An approval request as the operator API shows it (arguments only to approvers: {@link #withoutArguments()}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalView(String id, String status, String grant, @JsonProperty("grant_name") String grantName,
                           String session, String server, String tool, JsonNode arguments, String risk,
                           String category, String rule, String policy,
                           @JsonProperty("policy_version") long policyVersion,
                           @JsonProperty("policy_reason") String policyReason,
                           @JsonProperty("created_at") Instant createdAt, @JsonProperty("expires_at") Instant expiresAt,
                           @JsonProperty("decided_at") Instant decidedAt, @JsonProperty("decided_by") String decidedBy,
                           String note, String reason,
                           @JsonProperty("edited_arguments") JsonNode editedArguments,
                           @JsonProperty("edited_keys") List<String> editedKeys) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ApprovalView of(ApprovalRequest a) {
        return new ApprovalView(a.id(), a.status().db(), a.grantId(), a.grantName(), a.sessionId(), a.server(), a.tool(),
                tree(a.arguments()), a.risk(), a.category(), a.rule(), a.policyId(), a.policyVersion(), a.policyReason(),
                a.createdAt(), a.expiresAt(), a.decidedAt(), a.decidedBy(), a.note(), a.outcomeReason(),
                tree(a.editedArguments()), a.editedKeys());
    }

    /** The same request with its arguments (and edited arguments) left out, for callers who are not approvers. */
    ApprovalView withoutArguments() {
        return new ApprovalView(id, status, grant, grantName, session, server, tool, null, risk, category, rule, policy,
                policyVersion, policyReason, createdAt, expiresAt, decidedAt, decidedBy, note, reason, null, editedKeys);
    }

    private static JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }
}
