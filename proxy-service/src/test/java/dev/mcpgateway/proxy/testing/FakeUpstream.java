package dev.mcpgateway.proxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An MCP Streamable HTTP server scripted by tool name, recording what reaches it, so tests can tell
 * what the gateway forwarded and what it did not.
 */
public final class FakeUpstream {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Every message body the upstream received, in order. */
    public static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    /** The Authorization header of every request that reached the upstream ("null" when absent). */
    public static final List<String> AUTHORIZATION = new CopyOnWriteArrayList<>();
    /** Live upstream session ids; clearing it makes the upstream answer 404 (session expired). */
    public static final Set<String> SESSIONS = ConcurrentHashMap.newKeySet();
    /** Whether GET opens a server-to-client stream (else 405, as servers without one answer). */
    public static volatile boolean STREAM_OFFERED = true;
    private static final AtomicInteger SESSION_SEQ = new AtomicInteger();

    private Vertx vertx;
    private HttpServer server;

    public int start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    public static List<JsonNode> calls(String tool) {
        return RECEIVED.stream().filter(m -> "tools/call".equals(m.path("method").asText())
                && tool.equals(m.path("params").path("name").asText())).toList();
    }

    private void handle(HttpServerRequest req) {
        AUTHORIZATION.add(String.valueOf(req.getHeader("Authorization")));
        req.body().onSuccess(body -> {
            if (req.method().name().equals("DELETE")) {
                SESSIONS.remove(req.getHeader("Mcp-Session-Id"));
                req.response().setStatusCode(200).end();
                return;
            }
            if (req.method().name().equals("GET")) {
                String session = req.getHeader("Mcp-Session-Id");
                if (!STREAM_OFFERED || session == null || !SESSIONS.contains(session)) {
                    req.response().setStatusCode(STREAM_OFFERED ? 404 : 405).end();
                    return;
                }
                // One server-initiated notification, then the upstream closes the stream.
                req.response().putHeader("Content-Type", "text/event-stream").setChunked(true);
                req.response().write("id: ev-1\ndata: \n\n");
                req.response().end("id: ev-2\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}\n\n");
                return;
            }
            JsonNode msg;
            try {
                msg = MAPPER.readTree(body.getBytes());
            } catch (Exception e) {
                req.response().setStatusCode(400).end();
                return;
            }
            RECEIVED.add(msg);
            String method = msg.path("method").asText("");
            String session = req.getHeader("Mcp-Session-Id");
            if (!method.equals("initialize") && (session == null || !SESSIONS.contains(session))) {
                req.response().setStatusCode(404).end("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32001,\"message\":\"Session not found\"}}");
                return;
            }
            if (!msg.has("id")) {
                req.response().setStatusCode(202).end();
                return;
            }
            JsonNode id = msg.get("id");
            switch (method) {
                case "initialize" -> {
                    String sid = "up-" + SESSION_SEQ.incrementAndGet();
                    SESSIONS.add(sid);
                    ObjectNode result = MAPPER.createObjectNode();
                    result.put("protocolVersion", msg.path("params").path("protocolVersion").asText("2025-11-25"));
                    result.putObject("capabilities").putObject("tools");
                    result.putObject("serverInfo").put("name", "fake-upstream").put("version", "1");
                    json(req, sid, response(id, result));
                }
                case "tools/list" -> {
                    ObjectNode result = MAPPER.createObjectNode();
                    for (String t : List.of("allowed_tool", "denied_tool", "hidden_tool")) {
                        ObjectNode tool = result.withArray("tools").addObject();
                        tool.put("name", t);
                        tool.putObject("inputSchema").put("type", "object");
                    }
                    json(req, null, response(id, result));
                }
                case "tools/call" -> callTool(req, id, msg.path("params").path("name").asText());
                default -> json(req, null, response(id, MAPPER.createObjectNode()));
            }
        });
    }

    private void callTool(HttpServerRequest req, JsonNode id, String tool) {
        switch (tool) {
            case "slow_tool" -> { } // never answers: the gateway's timeout must
            case "garbage_tool" -> req.response().putHeader("Content-Type", "application/json").end("this is not json");
            case "progress_tool" -> {
                ObjectNode progress = MAPPER.createObjectNode();
                progress.put("jsonrpc", "2.0").put("method", "notifications/progress");
                progress.putObject("params").put("progressToken", "p1").put("progress", 1).put("total", 2);
                req.response().putHeader("Content-Type", "text/event-stream").setChunked(true);
                req.response().write("event: message\ndata: " + progress + "\n\n");
                req.response().end("event: message\r\ndata: " + response(id, text("done with progress")) + "\r\n\r\n");
            }
            default -> json(req, null, response(id, text("upstream ran " + tool)));
        }
    }

    private static ObjectNode text(String s) {
        ObjectNode result = MAPPER.createObjectNode();
        result.withArray("content").addObject().put("type", "text").put("text", s);
        return result;
    }

    private static ObjectNode response(JsonNode id, JsonNode result) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("jsonrpc", "2.0");
        r.set("id", id);
        r.set("result", result);
        return r;
    }

    private static void json(HttpServerRequest req, String sessionId, JsonNode body) {
        if (sessionId != null) {
            req.response().putHeader("Mcp-Session-Id", sessionId);
        }
        req.response().putHeader("Content-Type", "application/json").end(body.toString());
    }
}
