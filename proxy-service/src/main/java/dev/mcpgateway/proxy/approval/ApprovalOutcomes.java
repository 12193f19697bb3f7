package dev.mcpgateway.proxy.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.contracts.policy.v1.ApprovalStatus;
import dev.mcpgateway.contracts.policy.v1.ApprovalUpdate;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.proxy.call.CallExchange;
import dev.mcpgateway.proxy.call.Refusals;
import dev.mcpgateway.proxy.call.StageResult;
import dev.mcpgateway.proxy.jsonrpc.Json;
import java.util.Locale;

/**
 * Turns an approval outcome into what the call does next and what the audit log says. The decision
 * event's reason reads {@code APPROVAL_REQUIRED → ALLOW|DENY: …} with the approver, note or reason, the
 * edited argument keys (never values) and the wait; the agent gets the upstream's answer or a refusal
 * that says why in words the model can use.
 */
final class ApprovalOutcomes {

    private ApprovalOutcomes() {
    }

    static StageResult apply(CallExchange ex, ApprovalUpdate u) {
        DecideResponse d = ex.decision();
        String waited = waited(u);
        if (u.getStatus() == ApprovalStatus.APPROVAL_APPROVED) {
            StringBuilder why = new StringBuilder("APPROVAL_REQUIRED → ALLOW: approved by ").append(u.getApprover())
                    .append(" after ").append(waited);
            if (!u.getReason().isBlank()) {
                why.append("; note: ").append(u.getReason());
            }
            if (!u.getArgumentsJson().isEmpty()) {
                JsonNode edited;
                try {
                    edited = Json.MAPPER.readTree(u.getArgumentsJson().toByteArray());
                } catch (java.io.IOException e) {
                    return undecided(ex, "the approved arguments are not valid JSON");
                }
                if (!(edited instanceof ObjectNode obj)) {
                    return undecided(ex, "the approved arguments are not a JSON object");
                }
                ex.replaceArguments(obj);
                why.append("; edited arguments: ").append(String.join(", ", u.getEditedKeysList()));
            }
            why.append("; policy: ").append(d.getReason());
            ex.decided(d.toBuilder().setDecision(Decision.ALLOW).setReason(why.toString()).build());
            return StageResult.forward();
        }
        String audit;
        String agent;
        switch (u.getStatus()) {
            case APPROVAL_REJECTED -> {
                audit = "rejected by " + u.getApprover() + " after " + waited + ": " + u.getReason();
                agent = "A human reviewer rejected this call: " + trimPeriod(u.getReason()) + " (rejected by "
                        + u.getApprover() + ").";
            }
            case APPROVAL_EXPIRED -> {
                audit = "approval expired after " + waited;
                agent = "This call needed a human's approval and the approval expired: no approver decided within "
                        + waited + ".";
            }
            case APPROVAL_WITHDRAWN -> {
                audit = "withdrawn (" + u.getReason() + ") after " + waited;
                agent = "This call was waiting for a human's approval and was withdrawn: " + trimPeriod(u.getReason()) + ".";
            }
            default -> {
                return undecided(ex, "policy-service sent approval status " + u.getStatus());
            }
        }
        ex.decided(d.toBuilder().setDecision(Decision.DENY)
                .setReason("APPROVAL_REQUIRED → DENY: " + audit + "; policy: " + d.getReason()).build());
        return StageResult.reject(Refusals.refusal(ex.request().id(),
                agent + " The call was not forwarded to " + ex.server() + ".",
                "DENY", d.getRule(), d.getDecisionId(), -1, 0));
    }

    /** The outcome could not be learnt (policy-service gone past the expiry, request vanished): fail closed, say so. */
    static StageResult undecided(CallExchange ex, String cause) {
        ex.undecided(cause);
        return StageResult.reject(Refusals.refusal(ex.request().id(), "This call was held for a human's approval, and the "
                        + "gateway could not learn the outcome (" + cause + "), so the call was not forwarded to "
                        + ex.server() + ". This is not a refusal by policy; try again later.",
                "UNDECIDED", null, ex.decision() == null ? null : ex.decision().getDecisionId(), -1, 0));
    }

    /** The agent's progress message while it waits. */
    static byte[] progress(JsonNode token, long count, CallExchange ex, String approvalId, long expiresAtMs) {
        ObjectNode n = Json.object();
        n.put("jsonrpc", "2.0");
        n.put("method", "notifications/progress");
        ObjectNode p = n.putObject("params");
        p.set("progressToken", token);
        p.put("progress", count);
        long left = Math.max(0, (expiresAtMs - System.currentTimeMillis() + 999) / 1000);
        p.put("message", "Waiting for a human to approve " + ex.tool() + " (approval request " + approvalId
                + "); it expires in " + left + "s.");
        return Json.bytes(n);
    }

    private static String waited(ApprovalUpdate u) {
        long ms = u.getDecidedAtMs() > 0 ? Math.max(0, u.getDecidedAtMs() - u.getCreatedAtMs()) : 0;
        return seconds(ms);
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    private static String trimPeriod(String s) {
        String v = s == null || s.isBlank() ? "no reason given" : s.strip();
        return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
    }
}
