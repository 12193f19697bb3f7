package dev.mcpgateway.proxy.call;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.contracts.audit.DecisionEventV1.UpstreamOutcome;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.proxy.auth.Grant;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcMessage;
import dev.mcpgateway.proxy.session.ProxySession;
import dev.mcpgateway.proxy.upstream.UpstreamTransport;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The state of one {@code tools/call} as it moves through the stages: what was asked, what policy
 * decided, and what the upstream did. One instance per call, touched by one stage at a time.
 */
public final class CallExchange {

    private final JsonRpcMessage request;
    private final String server;
    private final Grant grant;
    private final ProxySession session;
    private final String tool;
    private final ObjectNode arguments;
    private final String traceId;
    private final Context traceContext;
    private final Instant timestamp;
    private final long startNanos;
    private final UpstreamTransport upstreamTransport;

    private DecideResponse decision;
    private String undecidedCause;
    private UpstreamOutcome upstreamOutcome = UpstreamOutcome.NOT_FORWARDED;
    private Long upstreamLatencyMs;
    private JsonRpcMessage forwardedRequest;
    private Consumer<byte[]> clientNotifier = m -> { };
    private BooleanSupplier clientGone = () -> false;
    private final java.util.List<String> auditNotes = new java.util.concurrent.CopyOnWriteArrayList<>();

    public CallExchange(JsonRpcMessage request, String server, Grant grant, ProxySession session, String tool,
                        ObjectNode arguments, Context traceContext, Instant timestamp, long startNanos,
                        UpstreamTransport upstreamTransport) {
        this.request = request;
        this.server = server;
        this.grant = grant;
        this.session = session;
        this.tool = tool;
        this.arguments = arguments;
        this.traceContext = traceContext == null ? Context.root() : traceContext;
        SpanContext span = Span.fromContext(this.traceContext).getSpanContext();
        this.traceId = span.isValid() ? span.getTraceId() : null;
        this.timestamp = timestamp;
        this.startNanos = startNanos;
        this.upstreamTransport = upstreamTransport;
    }

    public JsonRpcMessage request() {
        return request;
    }

    public String server() {
        return server;
    }

    public Grant grant() {
        return grant;
    }

    public ProxySession session() {
        return session;
    }

    public String tool() {
        return tool;
    }

    /** The call's arguments; an empty object when the agent sent none. */
    public ObjectNode arguments() {
        return arguments;
    }

    public String traceId() {
        return traceId;
    }

    /** The OpenTelemetry context of the HTTP request, carried into the Kafka record headers. */
    public Context traceContext() {
        return traceContext;
    }

    public Instant timestamp() {
        return timestamp;
    }

    public long startNanos() {
        return startNanos;
    }

    /** Where the call goes when it is forwarded. */
    public UpstreamTransport upstreamTransport() {
        return upstreamTransport;
    }

    /** What policy-service decided; {@code null} when it was not asked yet or could not decide. */
    public DecideResponse decision() {
        return decision;
    }

    public void decided(DecideResponse response) {
        this.decision = response;
    }

    /** Why the gateway could not decide; {@code null} unless it could not. */
    public String undecidedCause() {
        return undecidedCause;
    }

    public void undecided(String cause) {
        this.undecidedCause = cause;
    }

    public boolean isUndecided() {
        return undecidedCause != null;
    }

    public UpstreamOutcome upstreamOutcome() {
        return upstreamOutcome;
    }

    public Long upstreamLatencyMs() {
        return upstreamLatencyMs;
    }

    public void upstreamDone(UpstreamOutcome outcome, Long latencyMs) {
        this.upstreamOutcome = outcome;
        this.upstreamLatencyMs = latencyMs;
    }

    /**
     * The request as it goes upstream: the agent's, or with the arguments an approver edited
     * ({@link #replaceArguments}); {@link #arguments()} keeps the agent's own for the audit event.
     */
    public JsonRpcMessage forwardedRequest() {
        return forwardedRequest == null ? request : forwardedRequest;
    }

    /** True when an approver's edit replaced the agent's arguments. */
    public boolean argumentsReplaced() {
        return forwardedRequest != null;
    }

    /** The arguments as they go upstream: the approver's edit, else the agent's. */
    public ObjectNode forwardedArguments() {
        return forwardedRequest != null && forwardedRequest.param("arguments") instanceof ObjectNode a ? a : arguments;
    }

    /** Sends {@code newArguments} upstream instead of the agent's (an approver's edit). */
    public void replaceArguments(ObjectNode newArguments) {
        ObjectNode tree = request.tree().deepCopy();
        ObjectNode params = tree.get("params") instanceof ObjectNode p ? p : tree.putObject("params");
        params.set("arguments", newArguments);
        forwardedRequest = new JsonRpcMessage(request.kind(), request.id(), request.method(), params, tree,
                dev.mcpgateway.proxy.jsonrpc.Json.bytes(tree));
    }

    /** Lets a stage talk to the waiting client (progress while a call is held) and see whether it is still there. */
    public void attachClient(Consumer<byte[]> notifier, BooleanSupplier gone) {
        this.clientNotifier = notifier;
        this.clientGone = gone;
    }

    /** A message to the client before the answer (e.g. notifications/progress). */
    public void notifyClient(byte[] message) {
        clientNotifier.accept(message);
    }

    /** True once the client's connection for this call has closed. */
    public boolean clientGone() {
        return clientGone.getAsBoolean();
    }

    /**
     * Something a stage wants in the decision event's reason without deciding (e.g. arguments that do not fit
     * the schema, forwarded in warn mode).
     */
    public void noteForAudit(String note) {
        auditNotes.add(note);
    }

    /** The notes, in the order the stages added them. */
    public java.util.List<String> auditNotes() {
        return java.util.List.copyOf(auditNotes);
    }
}
