package dev.mcpgateway.conformance;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** A minimal Streamable HTTP MCP client for tests: one initialized session, requests answered as JSON or SSE. */
final class McpTestClient {

    static final String PROTOCOL_VERSION = "2025-11-25";
    static final String ACCEPT = "application/json, text/event-stream";

    private final AtomicInteger ids = new AtomicInteger();
    private final String sessionId;

    private McpTestClient(String sessionId) {
        this.sessionId = sessionId;
    }

    /** initialize + notifications/initialized, with the sampling and elicitation capabilities the suite's client has. */
    static McpTestClient connect() {
        Response init = given().contentType(ContentType.JSON).accept(ACCEPT)
                .body(Map.of("jsonrpc", "2.0", "id", 0, "method", "initialize", "params", Map.of(
                        "protocolVersion", PROTOCOL_VERSION,
                        "capabilities", Map.of("sampling", Map.of(), "elicitation", Map.of()),
                        "clientInfo", Map.of("name", "conformance-server-test", "version", "1.0.0"))))
                .post("/mcp");
        init.then().statusCode(200);
        String session = init.header("Mcp-Session-Id");
        if (session == null || session.isBlank()) {
            throw new AssertionError("initialize returned no Mcp-Session-Id");
        }
        McpTestClient client = new McpTestClient(session);
        given().contentType(ContentType.JSON).accept(ACCEPT).header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", PROTOCOL_VERSION)
                .body(Map.of("jsonrpc", "2.0", "method", "notifications/initialized"))
                .post("/mcp").then().statusCode(202);
        return client;
    }

    /** Sends a request and returns its JSON-RPC response (the message with the request's id). */
    JsonPath request(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        Response response = given().contentType(ContentType.JSON).accept(ACCEPT)
                .header("Mcp-Session-Id", sessionId).header("MCP-Protocol-Version", PROTOCOL_VERSION)
                .body(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params))
                .post("/mcp");
        response.then().statusCode(200);
        String body = response.asString();
        if (!response.contentType().startsWith("text/event-stream")) {
            return JsonPath.from(body);
        }
        // An SSE answer: notifications may come first; the response is the data line carrying our id.
        for (String line : body.split("\r?\n")) {
            if (line.startsWith("data:")) {
                JsonPath message = JsonPath.from(line.substring(5).trim());
                if (Integer.valueOf(id).equals(message.get("id"))) {
                    return message;
                }
            }
        }
        throw new AssertionError("no response with id " + id + " in SSE stream: " + body);
    }

    JsonPath result(String method, Map<String, ?> params) {
        JsonPath response = request(method, params);
        if (response.get("error") != null) {
            throw new AssertionError(method + " failed: " + response.prettify());
        }
        return JsonPath.from(response.prettify()).setRootPath("result");
    }
}
