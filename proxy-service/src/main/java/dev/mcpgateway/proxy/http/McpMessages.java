package dev.mcpgateway.proxy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.proxy.approval.HeldCalls;
import dev.mcpgateway.proxy.auth.Grant;
import dev.mcpgateway.proxy.call.CallAnswer;
import dev.mcpgateway.proxy.call.CallChain;
import dev.mcpgateway.proxy.call.CallExchange;
import dev.mcpgateway.proxy.call.CallMetrics;
import dev.mcpgateway.proxy.call.DecideStage;
import dev.mcpgateway.proxy.call.SettleListener;
import dev.mcpgateway.proxy.discovery.ToolDiscovery;
import dev.mcpgateway.proxy.validation.ArgumentValidationStage;
import dev.mcpgateway.proxy.event.DecisionEmitter;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcErrors;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcMessage;
import dev.mcpgateway.proxy.jsonrpc.McpException;
import dev.mcpgateway.proxy.policy.PolicyGateway;
import dev.mcpgateway.proxy.session.ProxySession;
import dev.mcpgateway.proxy.session.SessionIds;
import dev.mcpgateway.proxy.session.SessionStore;
import dev.mcpgateway.proxy.session.UpstreamSessions;
import dev.mcpgateway.proxy.tools.ToolsListFilter;
import dev.mcpgateway.proxy.upstream.UpstreamCall;
import dev.mcpgateway.proxy.upstream.UpstreamException;
import dev.mcpgateway.proxy.upstream.UpstreamMessage;
import dev.mcpgateway.proxy.upstream.UpstreamTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What the gateway does with one admitted JSON-RPC message: initialize opens the downstream and
 * upstream sessions, tools/call runs the policy chain, tools/list is filtered, everything else is
 * relayed unchanged (ids, _meta, progress tokens and all).
 */
@ApplicationScoped
public class McpMessages {

    private static final Logger LOG = Logger.getLogger(McpMessages.class);
    static final String SESSION_HEADER = "Mcp-Session-Id";

    private final SessionStore sessions;
    private final UpstreamSessions upstreamSessions;
    private final CallChain callChain;
    private final ToolsListFilter toolsFilter;
    private final HeldCalls heldCalls;
    private final ToolDiscovery discovery;
    private final CallMetrics callMetrics;

    public McpMessages(SessionStore sessions, UpstreamSessions upstreamSessions, PolicyGateway policy,
                       DecisionEmitter decisionEmitter, MeterRegistry registry) {
        this(sessions, upstreamSessions, policy, decisionEmitter, registry, null);
    }

    /** @param heldCalls holds calls that need a human's approval; null refuses them */
    public McpMessages(SessionStore sessions, UpstreamSessions upstreamSessions, PolicyGateway policy,
                       DecisionEmitter decisionEmitter, MeterRegistry registry, HeldCalls heldCalls) {
        this(sessions, upstreamSessions, policy, decisionEmitter, registry, heldCalls, null, null);
    }

    /**
     * @param validation checks arguments against the tool's schema before policy is asked; null checks nothing
     * @param discovery  told of new sessions and relayed tool lists; null when there is none
     */
    @jakarta.inject.Inject
    public McpMessages(SessionStore sessions, UpstreamSessions upstreamSessions, PolicyGateway policy,
                       DecisionEmitter decisionEmitter, MeterRegistry registry, HeldCalls heldCalls,
                       ArgumentValidationStage validation, ToolDiscovery discovery) {
        this.discovery = discovery;
        this.sessions = sessions;
        this.upstreamSessions = upstreamSessions;
        this.heldCalls = heldCalls;
        this.toolsFilter = new ToolsListFilter(policy);
        this.callMetrics = new CallMetrics(registry);
        this.callChain = new CallChain(
                // The audit gate first (fail-closed: no audit log, no call), then validation before Decide: a call
                // that cannot fit the tool uses up no rate-limit reservation. A policy's strict_arguments is known only
                // from Decide's answer, so that check comes after it.
                validation == null ? List.of(decisionEmitter, new DecideStage(policy, heldCalls))
                        : List.of(decisionEmitter, validation, new DecideStage(policy, heldCalls), validation.strictArguments()),
                // forwardedRequest: the agent's request, or with the arguments an approver edited.
                (ex, interim) -> upstreamSessions.send(ex.session(), ex.upstreamTransport(), forwardCall(ex.forwardedRequest(), ex.session()), interim),
                List.of(new SettleListener(policy), decisionEmitter, callMetrics));
    }

    /** initialize: a new downstream session mapped to a new upstream session, created with the client's params. */
    public void initialize(JsonRpcMessage msg, Grant grant, String server, UpstreamTransport upstream, Reply reply) {
        if (!msg.isRequest()) {
            reply.error(JsonRpcErrors.invalidRequest("initialize must be a request (with an id)", null));
            return;
        }
        ObjectNode params = msg.params() == null ? Json.object() : msg.params();
        upstream.send(new UpstreamCall(msg.raw(), msg.id(), null, null), m -> reply.interim(m.raw()))
                .subscribe().with(upstreamReply -> {
                    UpstreamMessage response = upstreamReply.response();
                    if (response == null) {
                        reply.error(JsonRpcErrors.upstreamBadResponse(server, "no answer to initialize").withId(msg.id()).withStatus(200));
                        return;
                    }
                    if (response.node().has("error")) {
                        reply.respond(response.raw()); // the upstream refused: relay why, open no session
                        return;
                    }
                    String version = response.node().path("result").path("protocolVersion")
                            .asText(params.path("protocolVersion").asText(null));
                    ProxySession session = sessions.open(server, grant.id(), grant.name(), upstreamReply.sessionId(),
                            version, params);
                    if (!SessionIds.plausible(session.token())) {
                        upstream.terminate(upstreamReply.sessionId(), version).subscribe().with(v -> { }, t -> { });
                        reply.error(JsonRpcErrors.invalidParams("the initialize params are too large to keep in a session id "
                                + "(at most about " + SessionIds.MAX_LENGTH * 3 / 4 + " bytes)").withId(msg.id()));
                        return;
                    }
                    sessions.save(session).subscribe().with(
                            ok -> {
                                reply.respond(response.raw(), SESSION_HEADER, session.token());
                                if (discovery != null) {
                                    discovery.sessionOpened(server); // in the background
                                }
                            },
                            t -> reply.error(JsonRpcErrors.internal("could not store the session").withId(msg.id())));
                }, t -> reply.error(errorFor(t, server).withId(msg.id()).withStatus(200)));
    }

    /** Any message of an established session. */
    public void handle(JsonRpcMessage msg, Grant grant, ProxySession session, UpstreamTransport upstream,
                       Reply reply, Context traceContext, long startNanos) {
        if (!msg.isRequest()) {
            if (heldCalls != null && "notifications/cancelled".equals(msg.method())) {
                // A held call never reached the upstream: withdrawing its approval request is the cancellation.
                heldCalls.cancelled(session.id(), msg.param("requestId"));
            }
            // Notifications (initialized, cancelled, progress, roots/list_changed) and the client's answers to
            // the server's requests: relayed as they are; the upstream's acceptance is the client's 202.
            upstreamSessions.send(session, upstream, forwardCall(msg, session), m -> { })
                    .subscribe().with(r -> reply.accepted(), t -> reply.error(errorFor(t, upstream.name())));
            return;
        }
        switch (msg.method()) {
            case "initialize" -> reply.error(JsonRpcErrors.alreadyInitialized().withId(msg.id()));
            case "tools/call" -> callTool(msg, grant, session, upstream, reply, traceContext, startNanos);
            case "tools/list" -> relay(msg, session, upstream, reply,
                    response -> {
                        if (discovery != null) {
                            discovery.listRelayed(upstream, response.node()); // the whole page, before policy hides any
                        }
                        callMetrics.toolsListed(upstream, response, msg.param("cursor").isMissingNode());
                        return toolsFilter.filter(response, grant, upstream);
                    });
            default -> relay(msg, session, upstream, reply, response -> Uni.createFrom().item(response));
        }
    }

    private void callTool(JsonRpcMessage msg, Grant grant, ProxySession session, UpstreamTransport upstream,
                          Reply reply, Context traceContext, long startNanos) {
        JsonNode name = msg.param("name");
        JsonNode args = msg.param("arguments");
        if (!name.isTextual() || name.textValue().isEmpty()) {
            reply.error(JsonRpcErrors.invalidParams("tools/call needs params.name, the tool's name").withId(msg.id()));
            return;
        }
        if (!args.isMissingNode() && !args.isNull() && !args.isObject()) {
            reply.error(JsonRpcErrors.invalidParams("params.arguments must be an object").withId(msg.id()));
            return;
        }
        ObjectNode arguments = args.isObject() ? (ObjectNode) args : Json.object();
        // Policy and audit see the real server and tool (a virtual server's prefixed name is routed here).
        UpstreamTransport.Route route = upstream.route(name.textValue());
        if (route == null) {
            reply.error(JsonRpcErrors.invalidParams("no tool named '" + name.textValue() + "' on " + upstream.name()
                    + " (its tools are named {server}__{tool}; see tools/list)").withId(msg.id()));
            return;
        }
        CallExchange ex = new CallExchange(msg, route.server(), grant, session, route.name(), arguments,
                traceContext, Instant.now(), startNanos, upstream);
        ex.attachClient(reply::interim, reply::clientGone);
        callChain.run(ex, m -> reply.interim(m.raw())).subscribe().with(answer -> {
            if (answer instanceof CallAnswer.Relayed r) {
                reply.respond(r.response().raw());
            } else if (answer instanceof CallAnswer.Answered a) {
                reply.respond(Json.bytes(a.response()));
            } else if (answer instanceof CallAnswer.Failed f) {
                reply.error(f.error().withStatus(200));
            }
        }, t -> reply.error(JsonRpcErrors.internal(t.getMessage()).withId(msg.id()).withStatus(200)));
    }

    private void relay(JsonRpcMessage msg, ProxySession session, UpstreamTransport upstream, Reply reply,
                       java.util.function.Function<UpstreamMessage, Uni<UpstreamMessage>> transform) {
        upstreamSessions.send(session, upstream, forwardCall(msg, session), m -> reply.interim(m.raw()))
                .chain(r -> {
                    if (r.response() == null) {
                        throw new UpstreamException(UpstreamException.Kind.BAD_RESPONSE, "no response to " + msg.method(), 0);
                    }
                    return transform.apply(r.response());
                })
                .subscribe().with(response -> reply.respond(response.raw()),
                        t -> reply.error(errorFor(t, upstream.name()).withId(msg.id()).withStatus(200)));
    }

    private static UpstreamCall forwardCall(JsonRpcMessage msg, ProxySession session) {
        return new UpstreamCall(msg.raw(), msg.isRequest() ? msg.id() : null, session.upstreamSessionId(),
                session.protocolVersion());
    }

    static dev.mcpgateway.proxy.jsonrpc.McpError errorFor(Throwable t, String server) {
        if (t instanceof McpException m) {
            return m.error();
        }
        if (t instanceof UpstreamException u) {
            return u.toError(server);
        }
        LOG.errorf(t, "unexpected failure relaying to %s", server);
        return JsonRpcErrors.internal(t.getMessage());
    }
}
