package dev.mcpgateway.proxy.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The virtual server's routing, remapping and pagination, against scripted in-memory members. */
class VirtualServerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void listsAreMergedPrefixedAndPagedByGatewayCursors() {
        Scripted a = new Scripted("a", List.of("t1", "t2", "t3"));
        Scripted b = new Scripted("b", List.of("x"));
        VirtualServer vs = new VirtualServer("suite", List.of(a, b), "__");
        String s = initialize(vs);

        List<String> names = new ArrayList<>();
        JsonNode page = send(vs, s, request(2, "tools/list", Json.object()), m -> { }).response().node().path("result");
        page.path("tools").forEach(t -> names.add(t.path("name").asText()));
        int pages = 1;
        while (page.hasNonNull("nextCursor")) {
            ObjectNode params = Json.object().put("cursor", page.get("nextCursor").asText());
            page = send(vs, s, request(3, "tools/list", params), m -> { }).response().node().path("result");
            page.path("tools").forEach(t -> names.add(t.path("name").asText()));
            pages++;
        }
        assertEquals(List.of("a__t1", "b__x", "a__t2", "a__t3"), names);
        assertEquals(3, pages, "member a pages by one; the gateway cursor carries a's cursor, b is done");
        JsonNode bad = send(vs, s, request(4, "tools/list", Json.object().put("cursor", "bm90LWEtY3Vyc29y")), m -> { })
                .response().node();
        assertEquals(-32602, bad.path("error").path("code").asInt());
    }

    @Test
    void callsAreRoutedByPrefixWithThePrefixStripped() {
        Scripted a = new Scripted("a", List.of("t1"));
        Scripted b = new Scripted("b", List.of("t1"));
        VirtualServer vs = new VirtualServer("suite", List.of(a, b), "__");
        String s = initialize(vs);
        JsonNode r = send(vs, s, call(5, "b__t1", null), m -> { }).response().node();
        assertEquals("b ran t1", r.path("result").path("content").path(0).path("text").asText());
        assertEquals("t1", b.last("tools/call").path("params").path("name").asText());
        assertTrue(a.calls("tools/call").isEmpty());
        assertEquals(new UpstreamTransport.Route("b", "t1"), vs.route("b__t1"), "policy sees the real server and tool");
        assertNull(vs.route("c__t1"));
        JsonNode unknown = send(vs, s, call(6, "nope", null), m -> { }).response().node();
        assertEquals(-32602, unknown.path("error").path("code").asInt());
    }

    @Test
    void serverRequestIdsAndProgressTokensOfMembersCannotCollide() {
        Scripted a = new Scripted("a", List.of("ask"));
        Scripted b = new Scripted("b", List.of("ask"));
        VirtualServer vs = new VirtualServer("suite", List.of(a, b), "__");
        String s = initialize(vs);
        List<JsonNode> toAgent = new CopyOnWriteArrayList<>();
        send(vs, s, call(7, "a__ask", "tok"), m -> toAgent.add(m.node()));
        send(vs, s, call(8, "b__ask", "tok"), m -> toAgent.add(m.node()));
        List<JsonNode> asks = toAgent.stream().filter(m -> "sampling/createMessage".equals(m.path("method").asText())).toList();
        assertEquals(2, asks.size());
        assertNotEquals(asks.get(0).path("id"), asks.get(1).path("id"), "both members used id 0; the agent sees two ids");
        assertNotEquals(asks.get(0).path("params").path("_meta").path("progressToken"),
                asks.get(1).path("params").path("_meta").path("progressToken"));
        toAgent.stream().filter(m -> "notifications/progress".equals(m.path("method").asText()))
                .forEach(p -> assertEquals("tok", p.path("params").path("progressToken").asText(), "the agent's own token comes back"));

        // The agent answers b's request: it reaches b, with b's own id 0.
        ObjectNode answer = Json.object().put("jsonrpc", "2.0");
        answer.set("id", asks.get(1).get("id"));
        answer.putObject("result").put("model", "m");
        send(vs, s, answer, m -> { });
        assertEquals(0, b.lastResponse().path("id").asInt());
        assertNull(a.lastResponse(), "a got nothing");
        // Progress the agent reports on b's request goes to b with b's token.
        ObjectNode progress = Json.object().put("jsonrpc", "2.0").put("method", "notifications/progress");
        progress.putObject("params").put("progress", 1).set("progressToken", asks.get(1).path("params").path("_meta").path("progressToken"));
        send(vs, s, progress, m -> { });
        assertEquals("srv-token", b.last("notifications/progress").path("params").path("progressToken").asText());
    }

    @Test
    void aFailingMemberDropsOutAndAnExpiredOneIsReinitialized() {
        Scripted a = new Scripted("a", List.of("t1"));
        Scripted b = new Scripted("b", List.of("x"));
        VirtualServer vs = new VirtualServer("suite", List.of(a, b), "__");
        String s = initialize(vs);
        b.down = true;
        List<String> names = new ArrayList<>();
        send(vs, s, request(2, "tools/list", Json.object()), m -> { }).response().node().path("result").path("tools")
                .forEach(t -> names.add(t.path("name").asText()));
        assertEquals(List.of("a__t1"), names, "b's tools drop out; a's stay");
        a.expireSessions();
        JsonNode r = send(vs, s, call(3, "a__t1", null), m -> { }).response().node();
        assertEquals("a ran t1", r.path("result").path("content").path(0).path("text").asText());
        assertEquals(2, a.calls("initialize").size(), "a was initialized again");
        assertEquals(2, a.calls("notifications/initialized").size(), "and told it is initialized, as the agent once did");
    }

    @Test
    void noMemberAnsweringInitializeFailsIt() {
        Scripted a = new Scripted("a", List.of());
        a.down = true;
        VirtualServer vs = new VirtualServer("suite", List.of(a), "__");
        try {
            vs.send(new UpstreamCall(bytes(initializeMessage()), Json.NODES.numberNode(1), null, null), m -> { }).await().atMost(WAIT);
            throw new AssertionError("expected a failure");
        } catch (UpstreamException e) {
            assertEquals(UpstreamException.Kind.UNREACHABLE, e.kind());
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String initialize(VirtualServer vs) {
        UpstreamReply r = vs.send(new UpstreamCall(bytes(initializeMessage()), Json.NODES.numberNode(1), null, null), m -> { })
                .await().atMost(WAIT);
        assertEquals("suite", r.response().node().path("result").path("serverInfo").path("name").asText());
        String s = r.sessionId();
        send(vs, s, Json.object().put("jsonrpc", "2.0").put("method", "notifications/initialized"), m -> { });
        return s;
    }

    private static ObjectNode initializeMessage() {
        ObjectNode init = request(1, "initialize", Json.object().put("protocolVersion", "2025-11-25"));
        ((ObjectNode) init.get("params")).putObject("capabilities");
        return init;
    }

    private static ObjectNode request(int id, String method, ObjectNode params) {
        ObjectNode r = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
        r.set("params", params);
        return r;
    }

    private static ObjectNode call(int id, String tool, String progressToken) {
        ObjectNode params = Json.object().put("name", tool);
        params.putObject("arguments");
        if (progressToken != null) {
            params.putObject("_meta").put("progressToken", progressToken);
        }
        return request(id, "tools/call", params);
    }

    private static UpstreamReply send(VirtualServer vs, String session, ObjectNode message, Consumer<UpstreamMessage> interim) {
        JsonNode id = message.get("id");
        return vs.send(new UpstreamCall(bytes(message), message.has("method") ? id : null, session, "2025-11-25"), interim)
                .await().atMost(WAIT);
    }

    private static byte[] bytes(JsonNode n) {
        return Json.bytes(n);
    }

    /** An in-memory MCP server: pages its tools one by one, asks the client for sampling on "ask". */
    static final class Scripted implements UpstreamTransport {
        final String name;
        final List<String> tools;
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        volatile boolean down;
        private volatile int generation;

        Scripted(String name, List<String> tools) {
            this.name = name;
            this.tools = tools;
        }

        void expireSessions() {
            generation++;
        }

        List<JsonNode> calls(String method) {
            return received.stream().filter(m -> method.equals(m.path("method").asText())).toList();
        }

        JsonNode last(String method) {
            List<JsonNode> l = calls(method);
            return l.isEmpty() ? null : l.get(l.size() - 1);
        }

        JsonNode lastResponse() {
            List<JsonNode> l = received.stream().filter(m -> !m.has("method")).toList();
            return l.isEmpty() ? null : l.get(l.size() - 1);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Uni<UpstreamReply> send(UpstreamCall call, Consumer<UpstreamMessage> interim) {
            if (down) {
                return Uni.createFrom().failure(new UpstreamException(UpstreamException.Kind.UNREACHABLE, "connection refused", 0));
            }
            ObjectNode msg;
            try {
                msg = (ObjectNode) Json.MAPPER.readTree(call.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            String method = msg.path("method").asText("");
            if (call.sessionId() != null && !call.sessionId().equals(name + "-s" + generation)) {
                return Uni.createFrom().failure(new UpstreamException(UpstreamException.Kind.SESSION_EXPIRED, "gone", 0));
            }
            received.add(msg);
            if (!msg.has("id") || method.isEmpty()) {
                return Uni.createFrom().item(new UpstreamReply(null, null, 0));
            }
            ObjectNode result = Json.object();
            switch (method) {
                case "initialize" -> {
                    result.put("protocolVersion", "2025-06-18");
                    result.putObject("capabilities").putObject("tools").put("listChanged", true);
                    result.putObject("serverInfo").put("name", name);
                }
                case "tools/list" -> {
                    int from = msg.path("params").hasNonNull("cursor") ? Integer.parseInt(msg.path("params").path("cursor").asText()) : 0;
                    if (from < tools.size()) {
                        result.putArray("tools").addObject().put("name", tools.get(from));
                    }
                    if (from + 1 < tools.size()) {
                        result.put("nextCursor", String.valueOf(from + 1));
                    }
                }
                case "tools/call" -> {
                    String tool = msg.path("params").path("name").asText();
                    if ("ask".equals(tool)) {
                        ObjectNode ask = Json.object().put("jsonrpc", "2.0").put("id", 0).put("method", "sampling/createMessage");
                        ask.putObject("params").putObject("_meta").put("progressToken", "srv-token");
                        interim.accept(new UpstreamMessage(ask, Json.bytes(ask)));
                        ObjectNode p = Json.object().put("jsonrpc", "2.0").put("method", "notifications/progress");
                        p.putObject("params").put("progress", 1).set("progressToken", msg.path("params").path("_meta").path("progressToken"));
                        interim.accept(new UpstreamMessage(p, Json.bytes(p)));
                    }
                    result.putArray("content").addObject().put("type", "text").put("text", name + " ran " + tool);
                }
                default -> { }
            }
            ObjectNode r = Json.object().put("jsonrpc", "2.0");
            r.set("id", msg.get("id"));
            r.set("result", result);
            String sid = "initialize".equals(method) ? name + "-s" + generation : null;
            return Uni.createFrom().item(new UpstreamReply(new UpstreamMessage(r, Json.bytes(r)), sid, 0));
        }

        @Override
        public Uni<Multi<SseParser.SseEvent>> openEventStream(String sessionId, String protocolVersion, String lastEventId) {
            return Uni.createFrom().nullItem();
        }

        @Override
        public Uni<Void> terminate(String sessionId, String protocolVersion) {
            return Uni.createFrom().voidItem();
        }
    }
}
