package dev.mcpgateway.proxy.validation;

import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.proxy.call.CallExchange;
import dev.mcpgateway.proxy.call.CallStage;
import dev.mcpgateway.proxy.call.StageResult;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A policy's {@code strict_arguments}: after Decide (policy-service says so in
 * {@code DecideResponse.strict_arguments}), arguments the tool's input schema does not declare are refused even
 * where the schema allows additional properties ({@link StrictSchema}). The rest of the schema was checked before
 * Decide by {@link ArgumentValidationStage}; this stage reports only undeclared properties.
 * <p>
 * The per-server mode applies as there (off: not checked; warn: forwarded and noted). A policy in monitor mode
 * gets a note, not a refusal. A refusal keeps policy's decision id, so the Settle that follows (NOT_FORWARDED)
 * gives back any rate-limit reservation, and is audited as DENY by the policy's rule {@value #RULE}.
 */
final class StrictArgumentsStage implements CallStage {

    private static final Logger LOG = Logger.getLogger(StrictArgumentsStage.class);
    /** The policy option that refused, as a pointer into the policy document. */
    static final String RULE = "/strict_arguments";
    static final String REASON_PREFIX = "arguments not declared in the tool's input schema (policy strict_arguments): ";

    private final ToolSchemas schemas;
    private final ArgumentChecker checker;
    private final Function<String, ValidationMode> modes;

    StrictArgumentsStage(ToolSchemas schemas, ArgumentChecker checker, Function<String, ValidationMode> modes) {
        this.schemas = schemas;
        this.checker = checker;
        this.modes = modes;
    }

    @Override
    public Uni<StageResult> apply(CallExchange ex) {
        DecideResponse decision = ex.decision();
        if (decision == null || !decision.getStrictArguments()) {
            return Uni.createFrom().item(StageResult.forward());
        }
        ValidationMode mode = modes.apply(ex.server());
        if (mode == ValidationMode.OFF) {
            return Uni.createFrom().item(StageResult.forward());
        }
        return schemas.find(ex.server(), ex.tool())
                .emitOn(ArgumentValidationStage.callerContext(ex.traceContext()))
                .map(found -> judge(ex, decision, mode, found))
                .onFailure().recoverWithItem(t -> {
                    LOG.warnf(t, "strict argument check of %s/%s failed inside the gateway; call not checked", ex.server(), ex.tool());
                    ex.noteForAudit("strict arguments not checked: " + t.getMessage());
                    return StageResult.forward();
                });
    }

    private StageResult judge(CallExchange ex, DecideResponse decision, ValidationMode mode, ToolSchemas.Found found) {
        if (found == null) {
            // Already noted before Decide ("no input schema is known"): strictness cannot be checked either.
            return StageResult.forward();
        }
        // What goes upstream: the agent's arguments, or an approver's edit of them.
        if (!(checker.checkStrict(found.schema(), ex.forwardedArguments()) instanceof ArgumentChecker.Invalid invalid)) {
            return StageResult.forward(); // valid, or unusable (noted before Decide)
        }
        List<SchemaError> undeclared = invalid.errors().stream()
                .filter(e -> "additionalProperties".equals(e.keyword())).toList();
        if (undeclared.isEmpty()) {
            return StageResult.forward(); // other errors are the schema check's (warn mode noted them)
        }
        String reason = REASON_PREFIX + ArgumentValidationStage.summary(undeclared);
        if (mode == ValidationMode.WARN || !decision.getEnforced()) {
            ex.noteForAudit(reason + (mode == ValidationMode.WARN ? " (forwarded: argument validation is in warn mode)"
                    : " (forwarded: the policy is in monitor mode)"));
            return StageResult.forward();
        }
        // Policy's decision, turned into the refusal its own option asks for: same decision id (Settle gives the
        // reservation back), policy and version, so the audit event names the policy that refused.
        ex.decided(decision.toBuilder().setDecision(Decision.DENY).setRule(RULE).setReason(reason)
                .setLimitRemaining(-1).setRetryAfterMs(0).build());
        return StageResult.reject(ArgumentValidationStage.schemaRefusal(ex, refusalText(ex, undeclared), RULE,
                decision.getDecisionId(), undeclared, found.source()));
    }

    static String refusalText(CallExchange ex, List<SchemaError> errors) {
        StringBuilder sb = new StringBuilder()
                .append("Refused by the gateway's policy: it accepts only the arguments the input schema of tool '")
                .append(ex.request().param("name").asText(ex.tool())).append("' declares, and ")
                .append(errors.size() == 1 ? "this one is" : "these " + errors.size() + " are")
                .append(" not declared, so the call was not forwarded to ").append(ex.server()).append('.');
        return ArgumentValidationStage.appendErrors(sb, errors).append("\nRemove the undeclared arguments (see the tool's inputSchema in tools/list) and call it again.")
                .toString();
    }
}
