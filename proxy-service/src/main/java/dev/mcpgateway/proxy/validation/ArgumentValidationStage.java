package dev.mcpgateway.proxy.validation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.proxy.call.CallExchange;
import dev.mcpgateway.proxy.call.CallStage;
import dev.mcpgateway.proxy.call.Refusals;
import dev.mcpgateway.proxy.call.StageResult;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Checks a call's arguments against the tool's input schema before policy is asked, so a call that could never
 * work neither reaches the server nor uses up a rate-limit reservation. Per server: off, warn (forward and note the
 * errors in the decision event) or enforce (refuse with every schema error as a tool result, audited as DENY by
 * the rule {@value #RULE}).
 * <p>
 * When no schema is known, or the schema itself is unusable, the call goes on and the event says it was not
 * checked: this check is about the call fitting the tool, not about permission (policy still decides), and
 * refusing every call of a tool because its server published a broken schema would break the tool for nothing.
 */
public final class ArgumentValidationStage implements CallStage {

    private static final Logger LOG = Logger.getLogger(ArgumentValidationStage.class);
    public static final String RULE = "/gateway/argument-validation";
    public static final String REASON_PREFIX = "arguments do not match the tool's input schema: ";
    static final String EDITED_PREFIX = "the approver's edited ";
    /** Errors spelled out in the refusal; the rest are counted. */
    static final int MAX_LISTED = 20;

    private final ToolSchemas schemas;
    private final ArgumentChecker checker;
    private final Function<String, ValidationMode> modes;

    /** @param modes the mode of a real upstream server, by name */
    public ArgumentValidationStage(ToolSchemas schemas, ArgumentChecker checker, Function<String, ValidationMode> modes) {
        this.schemas = schemas;
        this.checker = checker;
        this.modes = modes;
    }

    @Override
    public Uni<StageResult> apply(CallExchange ex) {
        return check(ex, false);
    }

    /**
     * The same check for arguments a human approver edited (the call was held for approval, and approved
     * with changes): policy-service validated them too, but what reaches the server is checked here, by the
     * same schema and mode as any call. A refusal keeps the approval's decision id, so its rate-limit
     * reservation is given back, and says that the approver's edit is what did not fit.
     */
    public Uni<StageResult> applyToEditedArguments(CallExchange ex) {
        return check(ex, true);
    }

    private Uni<StageResult> check(CallExchange ex, boolean edited) {
        ValidationMode mode = modes.apply(ex.server());
        if (mode == ValidationMode.OFF) {
            return Uni.createFrom().item(StageResult.forward());
        }
        return schemas.find(ex.server(), ex.tool())
                // A catalog lookup answers on the HTTP client's thread: back to the request's Vert.x context and
                // inside the call's trace context, so the next stages (Decide's gRPC span) stay in the call's trace.
                .emitOn(callerContext(ex.traceContext()))
                .map(found -> judge(ex, mode, found, edited))
                .onFailure().recoverWithItem(t -> {
                    LOG.warnf(t, "argument validation of %s/%s failed inside the gateway; call not checked", ex.server(), ex.tool());
                    ex.noteForAudit("arguments not checked: " + t.getMessage());
                    return StageResult.forward();
                });
    }

    /**
     * The check a policy with {@code strict_arguments} asks for, after Decide (only policy knows it), under the
     * same per-server mode and with the same schemas as this stage.
     */
    public CallStage strictArguments() {
        return new StrictArgumentsStage(schemas, checker, modes);
    }

    static java.util.concurrent.Executor callerContext(io.opentelemetry.context.Context trace) {
        io.vertx.core.Context ctx = io.vertx.core.Vertx.currentContext();
        return task -> {
            Runnable traced = () -> {
                try (io.opentelemetry.context.Scope ignored = trace.makeCurrent()) {
                    task.run();
                }
            };
            if (ctx == null || io.vertx.core.Vertx.currentContext() == ctx) {
                traced.run();
            } else {
                ctx.runOnContext(v -> traced.run());
            }
        };
    }

    private StageResult judge(CallExchange ex, ValidationMode mode, ToolSchemas.Found found, boolean edited) {
        if (found == null) {
            ex.noteForAudit("arguments not checked: no input schema is known for this tool");
            return StageResult.forward();
        }
        ArgumentChecker.Result result = checker.check(found.schema(), edited ? ex.forwardedArguments() : ex.arguments());
        if (result instanceof ArgumentChecker.Unusable u) {
            LOG.warnf("the input schema of %s/%s (from the %s) is unusable: %s", ex.server(), ex.tool(), found.source(), u.reason());
            ex.noteForAudit("arguments not checked: the tool's input schema is unusable (" + u.reason() + ")");
            return StageResult.forward();
        }
        if (!(result instanceof ArgumentChecker.Invalid invalid)) {
            return StageResult.forward();
        }
        String reason = (edited ? EDITED_PREFIX : "") + REASON_PREFIX + summary(invalid.errors());
        if (mode == ValidationMode.WARN) {
            ex.noteForAudit(reason + " (forwarded: argument validation is in warn mode)");
            return StageResult.forward();
        }
        // The gateway's own decision, in the shape of policy's, so the decision event, metrics and trace read it
        // like any other refusal. No decision id before policy was asked: nothing reserved, nothing to settle.
        // After an approval, the approval's decision (id, policy, approver in its reason) is kept and turned to DENY.
        DecideResponse before = ex.decision();
        DecideResponse.Builder decision = edited && before != null
                ? before.toBuilder().setReason("APPROVAL_REQUIRED → DENY: " + reason + " (" + before.getReason() + ")")
                : DecideResponse.newBuilder().setReason(reason);
        ex.decided(decision.setDecision(Decision.DENY).setEnforced(true).setRule(RULE).build());
        String text = refusalText(ex, invalid.errors());
        if (edited) {
            text = "A human approver approved this call with edited arguments, and the gateway refused them. " + text;
        }
        return StageResult.reject(schemaRefusal(ex, text, RULE, edited && before != null ? before.getDecisionId() : null,
                invalid.errors(), found.source()));
    }

    /** A DENY refusal whose gateway metadata lists the schema errors (pointer, keyword, message) and the schema's source. */
    static ObjectNode schemaRefusal(CallExchange ex, String text, String rule, String decisionId, List<SchemaError> errors,
                                    String schemaSource) {
        ObjectNode response = Refusals.refusal(ex.request().id(), text, Decision.DENY.name(), rule, decisionId, -1, 0);
        ObjectNode meta = (ObjectNode) response.path("result").path("_meta").path(Refusals.META_KEY);
        ArrayNode list = meta.putArray("schemaErrors");
        errors.forEach(e -> list.addObject().put("pointer", e.pointer()).put("keyword", e.keyword())
                .put("message", e.message()));
        meta.put("schemaSource", schemaSource);
        return response;
    }

    /**
     * What the model reads. First line: what happened (the tool as the agent named it, e.g. prefixed on a virtual
     * server); then one line per error ({@code - /pointer: message}); last line: what to do.
     */
    static String refusalText(CallExchange ex, List<SchemaError> errors) {
        StringBuilder sb = new StringBuilder()
                .append("Refused by the gateway: the arguments do not match the input schema of tool '")
                .append(ex.request().param("name").asText(ex.tool())).append("' (").append(errors.size()).append(errors.size() == 1 ? " error" : " errors")
                .append("), so the call was not forwarded to ").append(ex.server()).append('.');
        return appendErrors(sb, errors)
                .append("\nFix the arguments to match the tool's inputSchema (see tools/list) and call it again.").toString();
    }

    /** One line per error ({@code - /pointer: message}), the first {@value #MAX_LISTED}, then how many more. */
    static StringBuilder appendErrors(StringBuilder sb, List<SchemaError> errors) {
        errors.stream().limit(MAX_LISTED).forEach(e -> sb.append("\n- ").append(e.describe()));
        if (errors.size() > MAX_LISTED) {
            sb.append("\n- … and ").append(errors.size() - MAX_LISTED).append(" more");
        }
        return sb;
    }

    static String summary(List<SchemaError> errors) {
        String listed = errors.stream().limit(MAX_LISTED).map(SchemaError::describe).collect(Collectors.joining("; "));
        return errors.size() > MAX_LISTED ? listed + "; … and " + (errors.size() - MAX_LISTED) + " more" : listed;
    }
}
