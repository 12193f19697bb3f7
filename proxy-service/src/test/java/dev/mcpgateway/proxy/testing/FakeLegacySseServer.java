package dev.mcpgateway.proxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An MCP server on the legacy HTTP+SSE transport (2024-11-05): GET /sse opens the stream and names the
 * message endpoint; POST /messages?sessionId=… is answered 202 and the response goes out on the stream.
 * Tool {@code drop} ends the stream (the connection dies). Records the Authorization headers it sees.
 */
public final class FakeLegacySseServer {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final List<String> AUTHORIZATION = new CopyOnWriteArrayList<>();
    public static final AtomicInteger STREAMS_OPENED = new AtomicInteger();
    private final Map<String, HttpServerResponse> streams = new ConcurrentHashMap<>();
    private final AtomicInteger seq = new AtomicInteger();
    private Vertx vertx;

    public int start() throws Exception {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private void handle(HttpServerRequest req) {
        AUTHORIZATION.add(String.valueOf(req.getHeader("Authorization")));
        if (req.method().name().equals("GET") && req.path().equals("/sse")) {
            String id = "s" + seq.incrementAndGet();
            STREAMS_OPENED.incrementAndGet();
            HttpServerResponse resp = req.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            streams.put(id, resp);
            resp.closeHandler(v -> streams.remove(id));
            resp.write("event: endpoint\ndata: /messages?sessionId=" + id + "\n\n");
            return;
        }
        req.body().onSuccess(body -> {
            HttpServerResponse stream = streams.get(String.valueOf(req.getParam("sessionId")));
            if (stream == null) {
                req.response().setStatusCode(404).end();
                return;
            }
            JsonNode msg;
            try {
                msg = MAPPER.readTree(body.getBytes());
            } catch (Exception e) {
                req.response().setStatusCode(400).end();
                return;
            }
            req.response().setStatusCode(202).end("Accepted");
            if (!msg.has("id") || !msg.has("method")) {
                return;
            }
            ObjectNode result = MAPPER.createObjectNode();
            switch (msg.path("method").asText()) {
                case "initialize" -> {
                    result.put("protocolVersion", "2024-11-05");
                    result.putObject("capabilities").putObject("tools");
                    result.putObject("serverInfo").put("name", "fake-legacy").put("version", "1");
                }
                case "tools/list" -> result.withArray("tools").addObject().put("name", "echo").putObject("inputSchema").put("type", "object");
                case "tools/call" -> {
                    if ("drop".equals(msg.path("params").path("name").asText())) {
                        stream.end();
                        return;
                    }
                    stream.write("event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"x\"}}\n\n");
                    result.withArray("content").addObject().put("type", "text")
                            .put("text", "legacy echo: " + msg.path("params").path("arguments").path("text").asText());
                }
                default -> { }
            }
            ObjectNode r = MAPPER.createObjectNode().put("jsonrpc", "2.0");
            r.set("id", msg.get("id"));
            r.set("result", result);
            stream.write("event: message\ndata: " + r + "\n\n");
        });
    }
}
