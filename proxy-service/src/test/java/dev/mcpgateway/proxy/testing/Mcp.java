package dev.mcpgateway.proxy.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** A minimal MCP client over RestAssured for endpoint tests. */
public final class Mcp {

    public static final String ACCEPT = "application/json, text/event-stream";

    private Mcp() {
    }

    public static RequestSpecification client(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json").accept(ACCEPT);
    }

    public static RequestSpecification session(String sessionId) {
        return client(FakePolicyService.TOKEN).header("Mcp-Session-Id", sessionId);
    }

    /** initialize + notifications/initialized on {@code path}; the session id. */
    public static String newSession(String path, String protocolVersion) {
        String id = client(FakePolicyService.TOKEN).body(initialize(1, protocolVersion)).post(path)
                .then().statusCode(200).extract().header("Mcp-Session-Id");
        session(id).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").post(path).then().statusCode(202);
        return id;
    }

    public static String newSession(String path) {
        return newSession(path, "2025-11-25");
    }

    public static String initialize(int id, String protocolVersion) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + protocolVersion
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test-client\",\"version\":\"1\"}}}";
    }

    public static String call(Object id, String tool, String args) {
        String idJson = id instanceof String s ? "\"" + s + "\"" : String.valueOf(id);
        return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + args + "}}";
    }

    public static String request(Object id, String method, String params) {
        String idJson = id instanceof String s ? "\"" + s + "\"" : String.valueOf(id);
        return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
    }
}
