package dev.mcpgateway.proxy.virtual;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Several upstreams at one endpoint. To the gateway it is one more upstream: initialize opens a
 * {@link VirtualSession} (one upstream session per member), whose handle is the "upstream session id";
 * every message is routed, fanned out or answered by that session. A virtual session lives in this
 * instance's memory: another replica, or this one after a restart, finds it expired and
 * {@code UpstreamSessions} initializes a new one, transparently to the agent.
 */
public final class VirtualServer implements UpstreamTransport {

    private static final Logger LOG = Logger.getLogger(VirtualServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final Map<String, UpstreamTransport> members;
    private final Names names;
    private final Map<String, VirtualSession> sessions = new ConcurrentHashMap<>();

    public VirtualServer(String name, List<UpstreamTransport> members, String separator) {
        this.name = name;
        Map<String, UpstreamTransport> m = new LinkedHashMap<>();
        members.forEach(t -> m.put(t.name(), t));
        this.members = m;
        this.names = new Names(separator, m.keySet());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Route route(String toolName) {
        Names.Split s = names.split(toolName);
        return s == null ? null : new Route(s.member(), s.name());
    }

    @Override
    public Uni<UpstreamReply> send(UpstreamCall call, Consumer<UpstreamMessage> interim) {
        ObjectNode message;
        try {
            message = (ObjectNode) Json.MAPPER.readTree(call.body());
        } catch (IOException | ClassCastException e) {
            return Uni.createFrom().failure(new UpstreamException(UpstreamException.Kind.BAD_RESPONSE, "not a JSON object", 0));
        }
        if (call.sessionId() == null) {
            VirtualSession session = new VirtualSession(name, members, names);
            return session.initialize(message).map(response -> {
                String handle = "virtual-" + randomHex();
                sessions.put(handle, session);
                return new UpstreamReply(response, handle, 0);
            });
        }
        VirtualSession session = sessions.get(call.sessionId());
        if (session == null) {
            return Uni.createFrom().failure(new UpstreamException(UpstreamException.Kind.SESSION_EXPIRED,
                    "this instance holds no such virtual session", 0));
        }
        return session.handle(message, interim).map(r -> new UpstreamReply(r, call.sessionId(), 0));
    }

    @Override
    public Uni<Multi<SseParser.SseEvent>> openEventStream(String sessionId, String protocolVersion, String lastEventId) {
        VirtualSession session = sessionId == null ? null : sessions.get(sessionId);
        if (session == null) {
            return Uni.createFrom().failure(new UpstreamException(UpstreamException.Kind.SESSION_EXPIRED,
                    "this instance holds no such virtual session", 0));
        }
        return session.events();
    }

    @Override
    public Uni<Void> terminate(String sessionId, String protocolVersion) {
        VirtualSession session = sessionId == null ? null : sessions.remove(sessionId);
        return session == null ? Uni.createFrom().voidItem() : session.terminate();
    }

    /** Live virtual sessions on this instance (tests). */
    int liveSessions() {
        return sessions.size();
    }

    static String randomHex() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Member-prefixed names: {@code {member}{separator}{name}}. */
    record Names(String separator, java.util.Set<String> members) {

        record Split(String member, String name) {
        }

        String join(String member, String name) {
            return member + separator + name;
        }

        /** The member and its own name, or null when the prefix names no member. */
        Split split(String prefixed) {
            int i = prefixed == null ? -1 : prefixed.indexOf(separator);
            if (i <= 0) {
                return null;
            }
            String member = prefixed.substring(0, i);
            return members.contains(member) ? new Split(member, prefixed.substring(i + separator.length())) : null;
        }
    }

    static List<String> list(Iterable<String> it) {
        List<String> l = new ArrayList<>();
        it.forEach(l::add);
        return l;
    }

    static void logDropped(String virtual, String member, Throwable t) {
        LOG.warnf("virtual server %s: upstream %s left out: %s", virtual, member, t.getMessage());
    }
}
