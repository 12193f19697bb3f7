package dev.mcpgateway.proxy.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.upstream.SseParser;
import dev.mcpgateway.proxy.upstream.UpstreamCall;
import dev.mcpgateway.proxy.upstream.UpstreamException;
import dev.mcpgateway.proxy.upstream.UpstreamMessage;
import dev.mcpgateway.proxy.upstream.UpstreamReply;
import dev.mcpgateway.proxy.upstream.UpstreamTransport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Sends a downstream session's messages on its upstream session, and keeps that upstream session
 * alive: when the upstream answers 404 (it ended the session) the gateway initializes a new one with
 * the client's original initialize params, maps it, and retries once, so the agent never notices.
 */
@ApplicationScoped
public class UpstreamSessions {

    private static final Logger LOG = Logger.getLogger(UpstreamSessions.class);
    private static final byte[] INITIALIZED =
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final SessionStore store;
    private final dev.mcpgateway.proxy.discovery.ToolDiscovery discovery;
    private final AtomicLong reinitIds = new AtomicLong();
    // One re-initialization at a time per session: concurrent calls that all saw the 404 share it.
    private final Map<String, Uni<ProxySession>> reinitializing = new ConcurrentHashMap<>();

    public UpstreamSessions(SessionStore store) {
        this(store, null);
    }

    /** @param discovery watches what upstreams send for notifications/tools/list_changed; null watches nothing */
    @jakarta.inject.Inject
    public UpstreamSessions(SessionStore store, dev.mcpgateway.proxy.discovery.ToolDiscovery discovery) {
        this.store = store;
        this.discovery = discovery;
    }

    /** Sends {@code call} on the session's upstream session, re-initializing it once if it expired. */
    public Uni<UpstreamReply> send(ProxySession session, UpstreamTransport upstream, UpstreamCall call,
                                   Consumer<UpstreamMessage> relay) {
        Consumer<UpstreamMessage> interim = discovery == null ? relay : m -> {
            discovery.observe(upstream.name(), m);
            relay.accept(m);
        };
        return upstream.send(call.withSessionId(session.upstreamSessionId()), interim)
                .onFailure(UpstreamSessions::expired).recoverWithUni(() -> reinitialize(session, upstream)
                        .chain(fresh -> upstream.send(call.withSessionId(fresh.upstreamSessionId()), interim)));
    }

    /** Opens the upstream server-to-client stream (null when the upstream has none), re-initializing once if expired. */
    public Uni<Multi<SseParser.SseEvent>> openEventStream(ProxySession session, UpstreamTransport upstream, String lastEventId) {
        return upstream.openEventStream(session.upstreamSessionId(), session.protocolVersion(), lastEventId)
                .onFailure(UpstreamSessions::expired).recoverWithUni(() -> reinitialize(session, upstream)
                        .chain(fresh -> upstream.openEventStream(fresh.upstreamSessionId(), fresh.protocolVersion(), null)))
                .map(events -> events == null || discovery == null ? events
                        : events.invoke(ev -> discovery.observe(upstream.name(), ev.data())));
    }

    public Uni<Void> terminate(ProxySession session, UpstreamTransport upstream) {
        return upstream.terminate(session.upstreamSessionId(), session.protocolVersion());
    }

    private Uni<ProxySession> reinitialize(ProxySession session, UpstreamTransport upstream) {
        return reinitializing.computeIfAbsent(session.id(), id -> doReinitialize(session, upstream)
                .onTermination().invoke(() -> reinitializing.remove(id))
                .memoize().indefinitely());
    }

    private Uni<ProxySession> doReinitialize(ProxySession session, UpstreamTransport upstream) {
        ObjectNode init = Json.object();
        init.put("jsonrpc", "2.0");
        String requestId = "gateway-reinit-" + reinitIds.incrementAndGet();
        init.put("id", requestId);
        init.put("method", "initialize");
        init.set("params", session.initializeParams());
        UpstreamCall call = new UpstreamCall(Json.bytes(init), Json.NODES.textNode(requestId), null, null);
        LOG.infof("upstream %s ended session %s; re-initializing it for downstream session %s",
                upstream.name(), session.upstreamSessionId(), session.id());
        return upstream.send(call, m -> { })
                .map(reply -> {
                    if (reply.response() == null || reply.response().node().has("error")) {
                        throw new UpstreamException(UpstreamException.Kind.BAD_RESPONSE,
                                "the upstream refused to re-initialize the expired session", 0);
                    }
                    return session.withUpstreamSessionId(reply.sessionId());
                })
                .call(fresh -> upstream.send(new UpstreamCall(INITIALIZED, null, fresh.upstreamSessionId(),
                        fresh.protocolVersion()), m -> { }))
                .call(store::save);
    }

    private static boolean expired(Throwable t) {
        return t instanceof UpstreamException u && u.kind() == UpstreamException.Kind.SESSION_EXPIRED;
    }
}
