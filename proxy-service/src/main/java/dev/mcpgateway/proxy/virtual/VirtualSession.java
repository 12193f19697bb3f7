package dev.mcpgateway.proxy.virtual;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.upstream.SseParser;
import dev.mcpgateway.proxy.upstream.UpstreamCall;
import dev.mcpgateway.proxy.upstream.UpstreamException;
import dev.mcpgateway.proxy.upstream.UpstreamMessage;
import dev.mcpgateway.proxy.upstream.UpstreamTransport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One agent's session on a virtual server: an upstream session per member, and the maps that keep the
 * members apart. Names of tools, prompts, resources and templates get the member's prefix; requests the
 * members send the agent get gateway ids (two members may both use id 0), and progress tokens in either
 * direction gateway tokens, so answers and progress find their way back to the right member. List
 * cursors are the gateway's own, carrying each member's cursor. A member that fails is left out of lists
 * (logged), one that expires its session is initialized again, and the others go on either way.
 */
final class VirtualSession {

    private static final Logger LOG = Logger.getLogger(VirtualSession.class);
    /** A member that failed is not asked again sooner than this (lists stay fast while it is down). */
    private static final long RETRY_DOWN_MEMBER_NANOS = 10_000_000_000L;
    private static final byte[] INITIALIZED =
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8);

    private final String virtualName;
    private final VirtualServer.Names names;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, ServerRequest> serverRequests = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> uriOwners = new ConcurrentHashMap<>();
    private final Map<String, String> templateOwners = new ConcurrentHashMap<>();
    private final Map<JsonNode, String> inFlight = new ConcurrentHashMap<>();
    private volatile ObjectNode initializeParams = Json.object();

    private record ServerRequest(String member, JsonNode originalId) {
    }

    /** A progress token: {@code member == null} for the client's own (restored on the way back to it). */
    private record Token(String member, JsonNode original) {
    }

    private static final class Member {
        final UpstreamTransport transport;
        volatile String sessionId;
        volatile String version;
        volatile boolean up;
        volatile long lastAttemptNanos;
        Uni<Member> reviving;

        Member(UpstreamTransport transport) {
            this.transport = transport;
        }
    }

    VirtualSession(String virtualName, Map<String, UpstreamTransport> transports, VirtualServer.Names names) {
        this.virtualName = virtualName;
        this.names = names;
        transports.forEach((n, t) -> members.put(n, new Member(t)));
    }

    // ---------------------------------------------------------------- initialize

    /** Initializes every member; succeeds when at least one answers. The merged result speaks for all. */
    Uni<UpstreamMessage> initialize(ObjectNode message) {
        initializeParams = message.get("params") instanceof ObjectNode p ? p : Json.object();
        List<Uni<ObjectNode>> results = new ArrayList<>();
        members.forEach((n, m) -> results.add(initializeMember(n, m)
                .onFailure().recoverWithItem(t -> {
                    VirtualServer.logDropped(virtualName, n, t);
                    return null;
                })));
        return Uni.join().all(results).andFailFast().map(list -> {
            if (list.stream().allMatch(r -> r == null)) {
                throw new UpstreamException(UpstreamException.Kind.UNREACHABLE,
                        "no upstream of virtual server " + virtualName + " answered initialize", 0);
            }
            return response(message.get("id"), mergeInitialize(list));
        });
    }

    private Uni<ObjectNode> initializeMember(String name, Member m) {
        m.lastAttemptNanos = System.nanoTime();
        ObjectNode init = Json.object();
        init.put("jsonrpc", "2.0");
        String id = "vs-init-" + sequence.incrementAndGet();
        init.put("id", id);
        init.put("method", "initialize");
        init.set("params", initializeParams);
        return m.transport.send(new UpstreamCall(Json.bytes(init), Json.NODES.textNode(id), null, null), x -> { })
                .map(reply -> {
                    JsonNode result = reply.response() == null ? null : reply.response().node().get("result");
                    if (!(result instanceof ObjectNode r)) {
                        throw new UpstreamException(UpstreamException.Kind.BAD_RESPONSE, "refused initialize", 0);
                    }
                    m.sessionId = reply.sessionId();
                    m.version = r.path("protocolVersion").asText(null);
                    m.up = true;
                    return r;
                })
                .onFailure().invoke(t -> m.up = false);
    }

    private ObjectNode mergeInitialize(List<ObjectNode> results) {
        ObjectNode caps = Json.object();
        StringBuilder instructions = new StringBuilder();
        String version = null;
        List<String> memberNames = new ArrayList<>(members.keySet());
        for (int i = 0; i < results.size(); i++) {
            ObjectNode r = results.get(i);
            if (r == null) {
                continue;
            }
            version = version == null ? r.path("protocolVersion").asText(null) : version;
            r.path("capabilities").fields().forEachRemaining(e -> {
                if (e.getValue() instanceof ObjectNode c && !"experimental".equals(e.getKey())) {
                    ObjectNode merged = caps.has(e.getKey()) ? (ObjectNode) caps.get(e.getKey()) : caps.putObject(e.getKey());
                    c.fields().forEachRemaining(f -> {
                        if (!merged.path(f.getKey()).asBoolean(false)) {
                            merged.set(f.getKey(), f.getValue());
                        }
                    });
                }
            });
            if (r.hasNonNull("instructions")) {
                instructions.append('[').append(memberNames.get(i)).append("] ").append(r.get("instructions").asText()).append('\n');
            }
        }
        // The prefixed names only make sense with a gateway-side list of all tools: always offer the lists.
        ObjectNode result = Json.object();
        String requested = initializeParams.path("protocolVersion").asText(null);
        result.put("protocolVersion", requested != null ? requested : version);
        result.set("capabilities", caps);
        result.putObject("serverInfo").put("name", virtualName).put("version", "virtual");
        if (!instructions.isEmpty()) {
            result.put("instructions", instructions.toString().strip());
        }
        return result;
    }

    // ---------------------------------------------------------------- routing

    /** One message of the agent; completes with the response to relay (null for notifications and responses). */
    Uni<UpstreamMessage> handle(ObjectNode message, Consumer<UpstreamMessage> interim) {
        String method = message.path("method").asText(null);
        JsonNode id = message.get("id");
        if (method == null) {
            ServerRequest sr = id != null && id.isTextual() ? serverRequests.remove(id.textValue()) : null;
            if (sr == null) {
                LOG.debugf("virtual server %s: an answer to unknown request %s; dropped", virtualName, id);
                return Uni.createFrom().nullItem();
            }
            message.set("id", sr.originalId());
            return forward(sr.member(), message, null, interim, false).replaceWithNull();
        }
        ObjectNode params = message.get("params") instanceof ObjectNode p ? p : message.putObject("params");
        if (id == null) {
            return notification(method, message, params);
        }
        return switch (method) {
            case "ping" -> Uni.createFrom().item(response(id, Json.object()));
            case "tools/list" -> fanOut(message, params, "tools", interim);
            case "prompts/list" -> fanOut(message, params, "prompts", interim);
            case "resources/list" -> fanOut(message, params, "resources", interim);
            case "resources/templates/list" -> fanOut(message, params, "resourceTemplates", interim);
            case "tools/call", "prompts/get" -> byName(message, params, "name", params, interim);
            case "resources/read", "resources/subscribe", "resources/unsubscribe" ->
                    byUri(message, params.path("uri").asText(null), interim);
            case "completion/complete" -> complete(message, params, interim);
            case "logging/setLevel" -> broadcast(message).replaceWith(response(id, Json.object()));
            default -> Uni.createFrom().item(error(id, -32601, "Method not found: " + method
                    + " is not available on virtual server " + virtualName));
        };
    }

    private Uni<UpstreamMessage> notification(String method, ObjectNode message, ObjectNode params) {
        switch (method) {
            case "notifications/cancelled" -> {
                String member = inFlight.get(params.path("requestId"));
                return member == null ? Uni.createFrom().nullItem() : forward(member, message, null, x -> { }, false).replaceWithNull();
            }
            case "notifications/progress" -> {
                // The agent reports progress on a request a member made: back to that member, with its token.
                Token t = tokens.get(params.path("progressToken").asText(""));
                if (t == null || t.member() == null) {
                    return Uni.createFrom().nullItem();
                }
                params.set("progressToken", t.original());
                return forward(t.member(), message, null, x -> { }, false).replaceWithNull();
            }
            default -> {
                return broadcast(message).map(v -> (UpstreamMessage) null);
            }
        }
    }

    private Uni<UpstreamMessage> byName(ObjectNode message, ObjectNode params, String field, ObjectNode holder,
                                        Consumer<UpstreamMessage> interim) {
        VirtualServer.Names.Split split = names.split(holder.path(field).asText(null));
        if (split == null) {
            return Uni.createFrom().item(error(message.get("id"), -32602, "Invalid params: '" + holder.path(field).asText("")
                    + "' names no upstream of virtual server " + virtualName + "; names here are {server}"
                    + names.separator() + "{name}, servers " + names.members()));
        }
        holder.put(field, split.name());
        return forward(split.member(), message, message.get("id"), interim, true);
    }

    private Uni<UpstreamMessage> byUri(ObjectNode message, String uri, Consumer<UpstreamMessage> interim) {
        String owner = owner(uri);
        if (owner == null) {
            return Uni.createFrom().item(error(message.get("id"), -32602, "Invalid params: no upstream of virtual server "
                    + virtualName + " listed the resource '" + uri + "' (list resources or templates first)"));
        }
        return forward(owner, message, message.get("id"), interim, true);
    }

    private Uni<UpstreamMessage> complete(ObjectNode message, ObjectNode params, Consumer<UpstreamMessage> interim) {
        if (!(params.get("ref") instanceof ObjectNode ref)) {
            return Uni.createFrom().item(error(message.get("id"), -32602, "Invalid params: completion/complete needs params.ref"));
        }
        if ("ref/resource".equals(ref.path("type").asText())) {
            return byUri(message, ref.path("uri").asText(null), interim);
        }
        return byName(message, params, "name", ref, interim);
    }

    private String owner(String uri) {
        if (uri == null) {
            return null;
        }
        String known = uriOwners.get(uri);
        if (known != null) {
            return known;
        }
        String best = null;
        int bestLength = -1;
        for (Map.Entry<String, String> e : templateOwners.entrySet()) {
            if (uri.startsWith(e.getKey()) && e.getKey().length() > bestLength) {
                best = e.getValue();
                bestLength = e.getKey().length();
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- lists over all members

    private Uni<UpstreamMessage> fanOut(ObjectNode message, ObjectNode params, String kind, Consumer<UpstreamMessage> interim) {
        JsonNode id = message.get("id");
        Map<String, String> cursors;
        try {
            cursors = params.hasNonNull("cursor") ? Cursor.decode(params.get("cursor").asText(), members.keySet())
                    : firstPage();
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(error(id, -32602, "Invalid params: " + e.getMessage()));
        }
        if (cursors.isEmpty()) {
            ObjectNode empty = Json.object();
            empty.putArray(kind);
            return Uni.createFrom().item(response(id, empty));
        }
        List<String> asked = new ArrayList<>(cursors.keySet());
        List<Uni<JsonNode>> pages = new ArrayList<>();
        for (String member : asked) {
            ObjectNode copy = message.deepCopy();
            ObjectNode p = (ObjectNode) copy.get("params");
            if (cursors.get(member) == null) {
                p.remove("cursor");
            } else {
                p.put("cursor", cursors.get(member));
            }
            pages.add(forward(member, copy, id, interim, false)
                    .map(r -> {
                        if (r == null || !(r.node().get("result") instanceof ObjectNode result)) {
                            throw new UpstreamException(UpstreamException.Kind.BAD_RESPONSE,
                                    r == null ? "no answer" : "error " + r.node().path("error").path("message").asText(), 0);
                        }
                        return (JsonNode) result;
                    })
                    .onFailure().recoverWithItem(t -> {
                        VirtualServer.logDropped(virtualName, member, t);
                        return null;
                    }));
        }
        return Uni.join().all(pages).andFailFast().map(results -> {
            ObjectNode merged = Json.object();
            ArrayNode items = merged.putArray(kind);
            Map<String, String> next = new LinkedHashMap<>();
            for (int i = 0; i < asked.size(); i++) {
                JsonNode r = results.get(i);
                if (r == null) {
                    continue;
                }
                String member = asked.get(i);
                for (JsonNode item : r.path(kind)) {
                    if (item instanceof ObjectNode o) {
                        items.add(prefixed(member, kind, o));
                    }
                }
                if (r.hasNonNull("nextCursor")) {
                    next.put(member, r.get("nextCursor").asText());
                }
            }
            if (!next.isEmpty()) {
                merged.put("nextCursor", Cursor.encode(next));
            }
            return response(id, merged);
        });
    }

    private Map<String, String> firstPage() {
        Map<String, String> all = new LinkedHashMap<>();
        long now = System.nanoTime();
        members.forEach((n, m) -> {
            if (m.up || now - m.lastAttemptNanos > RETRY_DOWN_MEMBER_NANOS) {
                all.put(n, null);
            }
        });
        return all;
    }

    private ObjectNode prefixed(String member, String kind, ObjectNode item) {
        ObjectNode copy = item.deepCopy();
        if (copy.hasNonNull("name")) {
            copy.put("name", names.join(member, copy.get("name").asText()));
        }
        if ("resources".equals(kind) && copy.hasNonNull("uri")) {
            uriOwners.put(copy.get("uri").asText(), member);
        }
        if ("resourceTemplates".equals(kind) && copy.hasNonNull("uriTemplate")) {
            String t = copy.get("uriTemplate").asText();
            int brace = t.indexOf('{');
            templateOwners.put(brace < 0 ? t : t.substring(0, brace), member);
        }
        return copy;
    }

    private Uni<Void> broadcast(ObjectNode message) {
        List<Uni<UpstreamMessage>> sends = new ArrayList<>();
        members.forEach((n, m) -> {
            if (m.up) {
                sends.add(forward(n, message.deepCopy(), message.get("id"), x -> { }, false)
                        .onFailure().recoverWithItem(t -> {
                            VirtualServer.logDropped(virtualName, n, t);
                            return null;
                        }));
            }
        });
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    // ---------------------------------------------------------------- one member

    /**
     * Sends a message to one member on its upstream session, re-initializing that member once if its
     * session expired. The agent's progress token is swapped for a gateway token for the exchange.
     */
    private Uni<UpstreamMessage> forward(String memberName, ObjectNode message, JsonNode requestId,
                                         Consumer<UpstreamMessage> interim, boolean track) {
        Member m = members.get(memberName);
        String gatewayToken = null;
        JsonNode meta = message.path("params").path("_meta");
        if (requestId != null && meta instanceof ObjectNode mo && mo.hasNonNull("progressToken")) {
            gatewayToken = "vsp-" + sequence.incrementAndGet();
            tokens.put(gatewayToken, new Token(null, mo.get("progressToken")));
            mo.put("progressToken", gatewayToken);
        }
        if (track && requestId != null) {
            inFlight.put(requestId, memberName);
        }
        byte[] body = Json.bytes(message);
        Consumer<UpstreamMessage> fromMember = msg -> interim.accept(fromMember(memberName, msg));
        String token = gatewayToken;
        return ready(memberName, m)
                .chain(() -> m.transport.send(new UpstreamCall(body, requestId, m.sessionId, m.version), fromMember))
                .onFailure(VirtualSession::expired).recoverWithUni(() -> revive(memberName, m)
                        .chain(() -> m.transport.send(new UpstreamCall(body, requestId, m.sessionId, m.version), fromMember)))
                .map(reply -> reply.response() == null ? null : restoreToken(reply.response()))
                .onTermination().invoke(() -> {
                    if (token != null) {
                        tokens.remove(token);
                    }
                    if (track && requestId != null) {
                        inFlight.remove(requestId, memberName);
                    }
                });
    }

    private Uni<Member> ready(String name, Member m) {
        if (m.up) {
            return Uni.createFrom().item(m);
        }
        if (System.nanoTime() - m.lastAttemptNanos < RETRY_DOWN_MEMBER_NANOS) {
            return Uni.createFrom().failure(new UpstreamException(UpstreamException.Kind.UNREACHABLE,
                    "upstream " + name + " of virtual server " + virtualName + " is down", 0));
        }
        return revive(name, m);
    }

    /** A new upstream session for one member (its session expired, or it was down); shared by concurrent callers. */
    private synchronized Uni<Member> revive(String name, Member m) {
        if (m.reviving == null) {
            LOG.infof("virtual server %s: initializing upstream %s again", virtualName, name);
            m.reviving = initializeMember(name, m)
                    .chain(r -> m.transport.send(new UpstreamCall(INITIALIZED, null, m.sessionId, m.version), x -> { }))
                    .replaceWith(m)
                    .onTermination().invoke(() -> {
                        synchronized (this) {
                            m.reviving = null;
                        }
                    })
                    .memoize().indefinitely();
        }
        return m.reviving;
    }

    /** A member's message on its way to the agent: its requests get gateway ids, its progress the agent's token. */
    private UpstreamMessage fromMember(String member, UpstreamMessage msg) {
        ObjectNode node = msg.node();
        String method = node.path("method").asText(null);
        if (method == null) {
            return msg;
        }
        if (node.has("id")) {
            String gatewayId = "vs-srv-" + sequence.incrementAndGet();
            serverRequests.put(gatewayId, new ServerRequest(member, node.get("id")));
            node.put("id", gatewayId);
            JsonNode meta = node.path("params").path("_meta");
            if (meta instanceof ObjectNode mo && mo.hasNonNull("progressToken")) {
                String t = "vsp-" + sequence.incrementAndGet();
                tokens.put(t, new Token(member, mo.get("progressToken")));
                mo.put("progressToken", t);
            }
            return new UpstreamMessage(node, Json.bytes(node));
        }
        if ("notifications/progress".equals(method)) {
            return restoreToken(msg);
        }
        if ("notifications/cancelled".equals(method) && node.get("params") instanceof ObjectNode p) {
            JsonNode requestId = p.get("requestId");
            serverRequests.forEach((g, sr) -> {
                if (sr.member().equals(member) && sr.originalId().equals(requestId)) {
                    p.put("requestId", g);
                }
            });
            return new UpstreamMessage(node, Json.bytes(node));
        }
        return msg;
    }

    private UpstreamMessage restoreToken(UpstreamMessage msg) {
        if (!"notifications/progress".equals(msg.node().path("method").asText())) {
            return msg;
        }
        ObjectNode p = (ObjectNode) msg.node().get("params");
        Token t = p == null ? null : tokens.get(p.path("progressToken").asText(""));
        if (t == null || t.member() != null) {
            return msg;
        }
        p.set("progressToken", t.original());
        return new UpstreamMessage(msg.node(), Json.bytes(msg.node()));
    }

    // ---------------------------------------------------------------- streams and the end

    /** The members' server-to-client streams merged; null when no member offers one. */
    Uni<Multi<SseParser.SseEvent>> events() {
        List<Uni<Multi<SseParser.SseEvent>>> streams = new ArrayList<>();
        members.forEach((n, m) -> {
            if (m.up) {
                streams.add(m.transport.openEventStream(m.sessionId, m.version, null)
                        .map(multi -> multi == null ? null : multi.map(ev -> fromMemberEvent(n, ev)))
                        .onFailure().recoverWithItem(t -> {
                            VirtualServer.logDropped(virtualName, n, t);
                            return null;
                        }));
            }
        });
        if (streams.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return Uni.join().all(streams).andFailFast().map(list -> {
            List<Multi<SseParser.SseEvent>> open = list.stream().filter(x -> x != null).toList();
            return open.isEmpty() ? null : Multi.createBy().merging().streams(open);
        });
    }

    private SseParser.SseEvent fromMemberEvent(String member, SseParser.SseEvent ev) {
        if (ev.data().isEmpty()) {
            return new SseParser.SseEvent(null, ev.event(), ev.data(), ev.retryMs());
        }
        try {
            byte[] raw = ev.data().getBytes(StandardCharsets.UTF_8);
            if (Json.MAPPER.readTree(raw) instanceof ObjectNode node) {
                UpstreamMessage m = fromMember(member, new UpstreamMessage(node, raw));
                return new SseParser.SseEvent(null, ev.event(), new String(m.raw(), StandardCharsets.UTF_8), ev.retryMs());
            }
        } catch (IOException ignored) {
            // relayed as it is
        }
        // Member event ids mean nothing to the agent (the gateway numbers its own streams).
        return new SseParser.SseEvent(null, ev.event(), ev.data(), ev.retryMs());
    }

    Uni<Void> terminate() {
        List<Uni<Void>> ends = new ArrayList<>();
        members.values().forEach(m -> {
            if (m.sessionId != null) {
                ends.add(m.transport.terminate(m.sessionId, m.version).onFailure().recoverWithNull());
            }
        });
        return ends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(ends).andFailFast().replaceWithVoid();
    }

    // ---------------------------------------------------------------- messages

    private static UpstreamMessage response(JsonNode id, ObjectNode result) {
        ObjectNode r = Json.object();
        r.put("jsonrpc", "2.0");
        r.set("id", id);
        r.set("result", result);
        return new UpstreamMessage(r, Json.bytes(r));
    }

    private static UpstreamMessage error(JsonNode id, int code, String message) {
        ObjectNode r = Json.object();
        r.put("jsonrpc", "2.0");
        r.set("id", id);
        r.putObject("error").put("code", code).put("message", message);
        return new UpstreamMessage(r, Json.bytes(r));
    }

    private static boolean expired(Throwable t) {
        return t instanceof UpstreamException u && u.kind() == UpstreamException.Kind.SESSION_EXPIRED;
    }

    /** Gateway list cursors: base64url of {member: that member's cursor}; members absent are done. */
    static final class Cursor {
        private Cursor() {
        }

        static String encode(Map<String, String> cursors) {
            ObjectNode o = Json.object();
            cursors.forEach(o::put);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(o));
        }

        static Map<String, String> decode(String cursor, java.util.Set<String> members) {
            try {
                JsonNode n = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(cursor));
                if (!(n instanceof ObjectNode o)) {
                    throw new IllegalArgumentException("the cursor is not one this gateway issued");
                }
                Map<String, String> m = new LinkedHashMap<>();
                o.fields().forEachRemaining(e -> {
                    if (!members.contains(e.getKey()) || !e.getValue().isTextual()) {
                        throw new IllegalArgumentException("the cursor is not one this gateway issued");
                    }
                    m.put(e.getKey(), e.getValue().asText());
                });
                return m;
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("the cursor is not one this gateway issued");
            }
        }
    }
}
