package dev.mcpgateway.proxy.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An MCP Streamable HTTP server whose tools have real input schemas: {@code update_campaign_status}
 * ({@link ArgumentValidationStageTest#SCHEMA}), {@code open_tool} (a schema that allows undeclared properties,
 * {@link StrictArgumentsStageTest#OPEN_SCHEMA}) and {@code change_tools}, which adds {@code new_tool} to the list and
 * announces it with {@code notifications/tools/list_changed} before its result. Records every tools/call it runs.
 */
public final class SchemaUpstream implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpServer server;
    private final AtomicInteger sessions = new AtomicInteger();
    public final List<JsonNode> calls = new CopyOnWriteArrayList<>();
    public volatile boolean changed;

    public SchemaUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<JsonNode> calls(String tool) {
        return calls.stream().filter(c -> tool.equals(c.path("params").path("name").asText())).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        switch (ex.getRequestMethod()) {
            case "DELETE" -> send(ex, 200, null, "");
            case "GET" -> send(ex, 405, null, "");
            default -> post(ex, MAPPER.readTree(body));
        }
    }

    private void post(HttpExchange ex, JsonNode msg) throws IOException {
        if (!msg.has("id")) {
            send(ex, 202, null, "");
            return;
        }
        String method = msg.path("method").asText();
        ObjectNode result = MAPPER.createObjectNode();
        switch (method) {
            case "initialize" -> {
                result.put("protocolVersion", msg.path("params").path("protocolVersion").asText("2025-11-25"));
                result.putObject("capabilities").putObject("tools").put("listChanged", true);
                result.putObject("serverInfo").put("name", "schema-upstream").put("version", "1");
                ex.getResponseHeaders().add("Mcp-Session-Id", "schema-" + sessions.incrementAndGet());
            }
            case "tools/list" -> {
                tool(result, "update_campaign_status", ArgumentValidationStageTest.SCHEMA);
                tool(result, "change_tools", "{\"type\":\"object\"}");
                tool(result, "open_tool", StrictArgumentsStageTest.OPEN_SCHEMA);
                if (changed) {
                    tool(result, "new_tool", "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}");
                }
            }
            case "tools/call" -> {
                calls.add(msg);
                String tool = msg.path("params").path("name").asText();
                result.putArray("content").addObject().put("type", "text").put("text", "upstream ran " + tool);
                if ("change_tools".equals(tool)) {
                    changed = true;
                    String note = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}";
                    send(ex, 200, "text/event-stream", "event: message\ndata: " + note + "\n\nevent: message\ndata: "
                            + response(msg, result) + "\n\n");
                    return;
                }
            }
            default -> { }
        }
        send(ex, 200, "application/json", response(msg, result).toString());
    }

    private static void tool(ObjectNode result, String name, String schema) throws IOException {
        ObjectNode t = result.withArray("tools").addObject();
        t.put("name", name);
        t.set("inputSchema", MAPPER.readTree(schema));
    }

    private static ObjectNode response(JsonNode msg, JsonNode result) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("jsonrpc", "2.0");
        r.set("id", msg.get("id"));
        r.set("result", result);
        return r;
    }

    private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            ex.getResponseHeaders().add("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
