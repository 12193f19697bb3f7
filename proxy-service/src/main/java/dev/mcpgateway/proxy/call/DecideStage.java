package dev.mcpgateway.proxy.call;

import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.policy.PolicyGateway;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import java.util.Locale;

/**
 * Asks policy-service whether the call may go on. ALLOW (or any decision of a policy in monitor mode)
 * forwards; DENY, RATE_LIMITED and APPROVAL_REQUIRED answer the agent with the reason. Any error from
 * Decide is "could not decide": the call is refused, not forwarded, and the agent is told exactly that.
 */
public final class DecideStage implements CallStage {

    private final PolicyGateway policy;
    private final ApprovalHolder approvals;

    public DecideStage(PolicyGateway policy) {
        this(policy, null);
    }

    /** @param approvals holds calls that wait for a human; null refuses them (no approval flow) */
    public DecideStage(PolicyGateway policy, ApprovalHolder approvals) {
        this.policy = policy;
        this.approvals = approvals;
    }

    @Override
    public Uni<StageResult> apply(CallExchange ex) {
        DecideRequest request = DecideRequest.newBuilder()
                .setGrantId(ex.grant().id())
                .setSessionId(ex.session().id())
                .setServer(ex.server())
                .setTool(ex.tool())
                .setArgumentsJson(ByteString.copyFrom(Json.bytes(ex.arguments())))
                .setTraceId(ex.traceId() == null ? "" : ex.traceId())
                // JSON text of the JSON-RPC id: what a cancel names, so any replica can withdraw a held call
                .setRequestId(ex.request().id() == null || ex.request().id().isNull() ? "" : ex.request().id().toString())
                .build();
        return Uni.createFrom().deferred(() -> policy.decide(request))
                .map(response -> judge(ex, response))
                .onFailure().recoverWithItem(t -> couldNotDecide(ex, describe(t)));
    }

    private StageResult judge(CallExchange ex, DecideResponse r) {
        if (r.getDecision() == Decision.DECISION_UNSPECIFIED || r.getDecision() == Decision.UNRECOGNIZED) {
            // A decision the proxy does not understand is no decision: fail closed.
            return couldNotDecide(ex, "policy-service returned no decision");
        }
        ex.decided(r);
        if (r.getDecision() == Decision.ALLOW || !r.getEnforced()) {
            return StageResult.forward();
        }
        if (r.getDecision() == Decision.APPROVAL_REQUIRED && approvals != null && !r.getApprovalId().isEmpty()) {
            return StageResult.hold(approvals.hold(ex));
        }
        String text = switch (r.getDecision()) {
            case DENY -> "Refused by the gateway's policy: " + orDefault(r.getReason(), "this tool is not allowed")
                    + ". The call was not forwarded to " + ex.server() + ".";
            case RATE_LIMITED -> "Rate limited by the gateway's policy: " + orDefault(r.getReason(), "too many calls")
                    + "." + retryHint(r.getRetryAfterMs()) + " The call was not forwarded to " + ex.server() + ".";
            case APPROVAL_REQUIRED -> "This call needs a human's approval under the gateway's policy ("
                    + orDefault(r.getReason(), "approval required")
                    + "), and approvals are not available on this gateway yet. The call was not forwarded to "
                    + ex.server() + ".";
            default -> "Refused by the gateway's policy.";
        };
        return StageResult.reject(Refusals.refusal(ex.request().id(), text, r.getDecision().name(), r.getRule(),
                r.getDecisionId(), r.getLimitRemaining(), r.getRetryAfterMs()));
    }

    private static StageResult couldNotDecide(CallExchange ex, String cause) {
        ex.undecided(cause);
        String text = "The gateway could not decide whether this call is allowed (" + cause
                + "), so the call was not forwarded to " + ex.server() + ". This is not a refusal by policy; try again later.";
        return StageResult.reject(Refusals.refusal(ex.request().id(), text, "UNDECIDED", null, null, -1, 0));
    }

    static String describe(Throwable t) {
        Status s = Status.fromThrowable(t);
        String what = switch (s.getCode()) {
            case UNAVAILABLE -> "the policy service is unavailable";
            case DEADLINE_EXCEEDED -> "the policy service did not answer in time";
            case FAILED_PRECONDITION -> "no policy applies to this grant";
            case INVALID_ARGUMENT -> "the policy service rejected the request";
            default -> "policy service error " + s.getCode().name().toLowerCase(Locale.ROOT);
        };
        return s.getDescription() == null || s.getDescription().isBlank() ? what : what + ": " + s.getDescription();
    }

    private static String retryHint(long retryAfterMs) {
        if (retryAfterMs <= 0) {
            return "";
        }
        long seconds = (retryAfterMs + 999) / 1000;
        return " Retry after " + seconds + (seconds == 1 ? " second." : " seconds.");
    }

    private static String orDefault(String s, String fallback) {
        String v = s == null || s.isBlank() ? fallback : s.strip();
        // The texts add their own final period.
        return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
    }
}
