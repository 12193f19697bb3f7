package dev.mcpgateway.proxy.http;

import dev.mcpgateway.proxy.ProxyConfig;
import dev.mcpgateway.proxy.auth.Grant;
import dev.mcpgateway.proxy.auth.GrantResolver;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcErrors;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcMessage;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcParser;
import dev.mcpgateway.proxy.jsonrpc.McpError;
import dev.mcpgateway.proxy.jsonrpc.McpException;
import dev.mcpgateway.proxy.session.ProxySession;
import dev.mcpgateway.proxy.session.SessionIds;
import dev.mcpgateway.proxy.session.SessionStore;
import dev.mcpgateway.proxy.session.UpstreamSessions;
import dev.mcpgateway.proxy.stream.EventStream;
import dev.mcpgateway.proxy.stream.SessionStreams;
import dev.mcpgateway.proxy.upstream.SseParser;
import dev.mcpgateway.proxy.upstream.UpstreamTransport;
import dev.mcpgateway.proxy.upstream.Upstreams;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * MCP Streamable HTTP at {@code /mcp/{server}} on a plain Vert.x router (not JAX-RS), so the proxy
 * controls when a reply turns into a stream. POST carries every client message, GET opens the
 * server-to-client stream, DELETE ends the session. Each request passes the same gate in the same
 * order: Host/Origin, server name, headers, token, body, session.
 */
@ApplicationScoped
public class McpRoutes {

    private static final Logger LOG = Logger.getLogger(McpRoutes.class);
    private static final String PATH = "/mcp/:server";
    private static final String VERSION_HEADER = "MCP-Protocol-Version";
    /** The only protocol version with JSON-RPC batches. */
    private static final String BATCH_VERSION = "2025-03-26";

    private final ProxyConfig config;
    private final HeaderChecks checks;
    private final Upstreams upstreams;
    private final GrantResolver grants;
    private final SessionStore sessions;
    private final UpstreamSessions upstreamSessions;
    private final McpMessages messages;
    private final SessionStreams streams;

    public McpRoutes(ProxyConfig config, Upstreams upstreams, GrantResolver grants, SessionStore sessions,
                     UpstreamSessions upstreamSessions, McpMessages messages, SessionStreams streams) {
        this.config = config;
        this.checks = new HeaderChecks(config);
        this.upstreams = upstreams;
        this.grants = grants;
        this.sessions = sessions;
        this.upstreamSessions = upstreamSessions;
        this.messages = messages;
        this.streams = streams;
    }

    void register(@Observes Router router) {
        router.post(PATH)
                .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
                .handler(this::post)
                .failureHandler(this::failure);
        router.get(PATH).handler(this::get).failureHandler(this::failure);
        router.delete(PATH).handler(this::delete).failureHandler(this::failure);
        router.route(PATH).handler(rc -> Responses.error(rc.response(), JsonRpcErrors.methodNotAllowed(rc.request().method().name())));
    }

    // ---------------------------------------------------------------- POST

    private volatile io.opentelemetry.api.trace.Tracer tracer;

    /**
     * The request's trace context. Normally the HTTP server instrumentation's span; when that span is not
     * current here (seen intermittently in the test suite), the call gets a server span of its own, so every
     * decision, Decide and Kafka record still belongs to one trace.
     */
    private Context callTrace(RoutingContext rc) {
        Context current = Context.current();
        if (io.opentelemetry.api.trace.Span.fromContext(current).getSpanContext().isValid()) {
            return current;
        }
        io.opentelemetry.api.trace.Span span = tracer().spanBuilder("POST " + PATH)
                .setSpanKind(io.opentelemetry.api.trace.SpanKind.SERVER)
                .setParent(current)
                .setAttribute("url.path", rc.request().path())
                .setAttribute("http.request.method", "POST")
                .startSpan();
        rc.addEndHandler(done -> span.end());
        return current.with(span);
    }

    private io.opentelemetry.api.trace.Tracer tracer() {
        io.opentelemetry.api.trace.Tracer t = tracer;
        if (t == null) {
            // Looked up, not injected: TwoReplicasTest builds this class without CDI (then no span: a no-op tracer).
            io.quarkus.arc.ArcContainer arc = io.quarkus.arc.Arc.container();
            io.quarkus.arc.InstanceHandle<io.opentelemetry.api.OpenTelemetry> handle =
                    arc == null ? null : arc.instance(io.opentelemetry.api.OpenTelemetry.class);
            io.opentelemetry.api.OpenTelemetry otel = handle != null && handle.isAvailable() ? handle.get() : null;
            t = (otel == null ? io.opentelemetry.api.OpenTelemetry.noop() : otel).getTracer("dev.mcpgateway.proxy");
            tracer = t;
        }
        return t;
    }

    private void post(RoutingContext rc) {
        long start = System.nanoTime();
        Context trace = callTrace(rc);
        HttpServerRequest req = rc.request();
        String server = rc.pathParam("server");
        UpstreamTransport upstream = upstreams.find(server).orElse(null);
        McpError early = firstError(
                checks.hostAndOrigin(req.getHeader("Host"), req.getHeader("Origin")),
                upstream == null ? JsonRpcErrors.unknownServer(server, upstreams.names()) : null,
                checks.contentType(req.getHeader("Content-Type")),
                checks.acceptForPost(req.getHeader("Accept")));
        if (early != null) {
            Responses.error(rc.response(), early);
            return;
        }
        authenticate(rc, server).subscribe().with(grant -> {
            try {
                admitted(rc, grant, upstream, trace, start);
            } catch (McpException e) {
                Responses.error(rc.response(), e.error());
            }
        }, t -> fail(rc, t));
    }

    private void admitted(RoutingContext rc, Grant grant, UpstreamTransport upstream, Context trace, long start) {
        HttpServerRequest req = rc.request();
        String versionHeader = req.getHeader(VERSION_HEADER);
        JsonRpcParser.Parsed parsed = JsonRpcParser.parse(rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes());
        String sessionId = req.getHeader(McpMessages.SESSION_HEADER);
        if (parsed instanceof JsonRpcParser.Batch batch) {
            // Batches exist in 2025-03-26 only (removed in 2025-06-18): served per the session's negotiated version.
            if (versionHeader != null && !BATCH_VERSION.equals(versionHeader)) {
                throw new McpException(JsonRpcErrors.batchRefused(versionHeader));
            }
            withSession(sessionId, grant, upstream.name()).subscribe().with(session -> {
                if (!BATCH_VERSION.equals(session.protocolVersion())) {
                    Responses.error(rc.response(), JsonRpcErrors.batchRefused(session.protocolVersion()));
                    return;
                }
                serveBatch(batch, rc, grant, session, upstream, trace, start);
            }, t -> fail(rc, t));
            return;
        }
        JsonRpcMessage msg = ((JsonRpcParser.Single) parsed).message();
        if ("initialize".equals(msg.method())) {
            if (sessionId != null) {
                throw new McpException(JsonRpcErrors.alreadyInitialized().withId(msg.id()));
            }
            messages.initialize(msg, grant, upstream.name(), upstream, DownstreamReply.current(rc.response(), false));
            return;
        }
        withSession(sessionId, grant, upstream.name()).subscribe().with(session -> {
            McpError versionError = checks.protocolVersion(versionHeader, session.protocolVersion());
            if (versionError != null) {
                Responses.error(rc.response(), versionError.withId(msg.id()));
                return;
            }
            DownstreamReply reply = DownstreamReply.current(rc.response(), true)
                    .resumable(() -> streams.openPostStream(session.id()));
            messages.handle(msg, grant, session, upstream, reply, trace, start);
        }, t -> fail(rc, t));
    }

    /** Each message of the batch is handled as if it came alone; their answers are gathered into one reply. */
    private void serveBatch(JsonRpcParser.Batch batch, RoutingContext rc, Grant grant, ProxySession session,
                            UpstreamTransport upstream, Context trace, long start) {
        DownstreamReply reply = DownstreamReply.current(rc.response(), true)
                .resumable(() -> streams.openPostStream(session.id()));
        BatchReply answers = new BatchReply(reply, batch.size());
        for (com.fasterxml.jackson.databind.JsonNode element : batch.messages()) {
            Reply slot = answers.slot();
            JsonRpcMessage msg;
            try {
                msg = JsonRpcParser.message(element, dev.mcpgateway.proxy.jsonrpc.Json.bytes(element));
            } catch (McpException e) {
                slot.error(e.error());
                continue;
            }
            if ("initialize".equals(msg.method())) {
                slot.error(JsonRpcErrors.invalidRequest("initialize must not be part of a batch", msg.id()));
                continue;
            }
            messages.handle(msg, grant, session, upstream, slot, trace, start);
        }
    }

    // ---------------------------------------------------------------- GET: the server-to-client stream

    private void get(RoutingContext rc) {
        HttpServerRequest req = rc.request();
        String server = rc.pathParam("server");
        UpstreamTransport upstream = upstreams.find(server).orElse(null);
        McpError early = firstError(
                checks.hostAndOrigin(req.getHeader("Host"), req.getHeader("Origin")),
                upstream == null ? JsonRpcErrors.unknownServer(server, upstreams.names()) : null,
                checks.acceptForStream(req.getHeader("Accept")));
        if (early != null) {
            Responses.error(rc.response(), early);
            return;
        }
        HttpServerResponse resp = rc.response();
        SessionStreams.EventId last = SessionStreams.EventId.parse(req.getHeader("Last-Event-ID"));
        authenticate(rc, server)
                .chain(grant -> withSession(req.getHeader(McpMessages.SESSION_HEADER), grant, server))
                .subscribe().with(session -> {
                    EventStream resumed = streams.find(session.id(), last);
                    EventStream getStream = streams.getStream(session.id());
                    if (resumed != null && resumed != getStream) {
                        // The client resumes a POST's stream: what it missed of that stream only, then the rest of it.
                        startStream(resp);
                        resumed.resume(resp, last.sequence(), null);
                        return;
                    }
                    boolean replay = resumed == getStream;
                    upstreamSessions.openEventStream(session, upstream, replay ? getStream.upstreamLastEventId() : null)
                            .subscribe().with(events -> {
                                if (events == null) {
                                    Responses.error(resp, JsonRpcErrors.methodNotAllowed(
                                            "GET (the upstream offers no server-to-client stream)"));
                                    return;
                                }
                                pipe(events, resp, getStream, replay ? last.sequence() : -1);
                            }, t -> fail(rc, t));
                }, t -> fail(rc, t));
    }

    /**
     * Relays the upstream's server-to-client stream into the session's GET stream, which numbers and keeps
     * the events; {@code replayAfter} >= 0 first replays what the client missed after that event.
     */
    private static void pipe(io.smallrye.mutiny.Multi<SseParser.SseEvent> events, HttpServerResponse resp,
                             EventStream stream, long replayAfter) {
        if (resp.closed()) {
            return;
        }
        startStream(resp);
        resp.write(": stream open\n\n");
        io.vertx.core.Context ctx = io.vertx.core.Vertx.currentContext();
        Cancellable[] subscription = new Cancellable[1];
        // A client that goes away is not a cancellation (spec); only the upstream stream is closed.
        Runnable onClose = () -> {
            if (subscription[0] != null) {
                subscription[0].cancel();
            }
        };
        if (replayAfter >= 0) {
            stream.resume(resp, replayAfter, onClose);
        } else {
            stream.attach(resp, onClose);
        }
        subscription[0] = events.subscribe().with(
                ev -> {
                    stream.upstreamEventId(ev.id());
                    if (!ev.data().isEmpty()) {
                        stream.emit(ev.data().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                },
                t -> ctx.runOnContext(v -> endQuietly(resp)),
                () -> ctx.runOnContext(v -> endQuietly(resp)));
    }

    private static void startStream(HttpServerResponse resp) {
        resp.setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache");
    }

    private static void endQuietly(HttpServerResponse resp) {
        if (!resp.closed() && !resp.ended()) {
            resp.end();
        }
    }

    // ---------------------------------------------------------------- DELETE: end the session

    private void delete(RoutingContext rc) {
        HttpServerRequest req = rc.request();
        String server = rc.pathParam("server");
        UpstreamTransport upstream = upstreams.find(server).orElse(null);
        McpError early = firstError(
                checks.hostAndOrigin(req.getHeader("Host"), req.getHeader("Origin")),
                upstream == null ? JsonRpcErrors.unknownServer(server, upstreams.names()) : null);
        if (early != null) {
            Responses.error(rc.response(), early);
            return;
        }
        authenticate(rc, server)
                .chain(grant -> withSession(req.getHeader(McpMessages.SESSION_HEADER), grant, server))
                .call(sessions::end)
                .invoke(session -> streams.forget(session.id()))
                // The downstream session is gone either way; the upstream's DELETE is best effort.
                .call(session -> upstreamSessions.terminate(session, upstream).onFailure().recoverWithNull())
                .subscribe().with(session -> {
                    if (!rc.response().ended()) {
                        rc.response().setStatusCode(204).end();
                    }
                }, t -> fail(rc, t));
    }

    // ---------------------------------------------------------------- the gate

    private Uni<Grant> authenticate(RoutingContext rc, String server) {
        java.util.concurrent.Executor back = onThisContext();
        return grants.resolve(rc.request().getHeader("Authorization")).emitOn(back).map(grant -> {
            if (!grant.allows(server)) {
                throw new McpException(JsonRpcErrors.wrongServer(server));
            }
            return grant;
        });
    }

    /** The session named by the header; it must belong to this grant and this server, else it does not exist. */
    private Uni<ProxySession> withSession(String sessionId, Grant grant, String server) {
        if (sessionId == null || sessionId.isEmpty()) {
            return Uni.createFrom().failure(new McpException(JsonRpcErrors.missingSession()));
        }
        if (!SessionIds.plausible(sessionId)) {
            return Uni.createFrom().failure(new McpException(JsonRpcErrors.sessionNotFound()));
        }
        return sessions.find(sessionId).map(found -> found
                .filter(s -> s.server().equals(server) && s.grantId().equals(grant.id()))
                .orElseThrow(() -> new McpException(JsonRpcErrors.sessionNotFound())));
    }

    private void failure(RoutingContext rc) {
        if (rc.statusCode() == 413) {
            Responses.error(rc.response(), JsonRpcErrors.bodyTooLarge(config.maxBodyBytes()));
            return;
        }
        fail(rc, rc.failure());
    }

    private static void fail(RoutingContext rc, Throwable t) {
        if (t instanceof McpException m) {
            Responses.error(rc.response(), m.error());
            return;
        }
        LOG.errorf(t, "unexpected failure on %s %s", rc.request().method(), rc.request().path());
        Responses.error(rc.response(), JsonRpcErrors.internal(t == null ? "status " + rc.statusCode()
                : t.getClass().getSimpleName()));
    }

    /** Runs continuations on the request's Vert.x context (gRPC answers arrive on other threads). */
    private static java.util.concurrent.Executor onThisContext() {
        io.vertx.core.Context ctx = io.vertx.core.Vertx.currentContext();
        return task -> {
            if (ctx == null || io.vertx.core.Vertx.currentContext() == ctx) {
                task.run();
            } else {
                ctx.runOnContext(v -> task.run());
            }
        };
    }

    private static McpError firstError(McpError... errors) {
        for (McpError e : errors) {
            if (e != null) {
                return e;
            }
        }
        return null;
    }
}
