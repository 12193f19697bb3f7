package dev.mcpgateway.proxy.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every error the proxy answers is built here, and rendered here: a JSON-RPC 2.0 error object
 * ({@code {"jsonrpc":"2.0","id":…,"error":{"code","message","data"}}}) plus the HTTP status for when
 * the reply has not started. HTTP-level refusals (auth, unknown server, headers) use the same shape,
 * as MCP servers do, so a client always finds {@code error.message}.
 */
public final class JsonRpcErrors {

    // JSON-RPC 2.0 standard codes.
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    // Transport-level refusals (the codes the MCP TypeScript SDK server uses for the same cases).
    public static final int BAD_REQUEST = -32000;
    public static final int SESSION_NOT_FOUND = -32001;
    // The gateway's own codes, in the implementation-defined server error range.
    public static final int UNAUTHORIZED = -32040;
    public static final int FORBIDDEN = -32041;
    public static final int UNKNOWN_SERVER = -32042;
    public static final int AUTH_UNAVAILABLE = -32043;
    public static final int UPSTREAM_UNREACHABLE = -32050;
    public static final int UPSTREAM_TIMEOUT = -32051;
    public static final int UPSTREAM_BAD_RESPONSE = -32052;
    public static final int POLICY_UNAVAILABLE = -32053;
    public static final int SESSION_STORE_UNAVAILABLE = -32054;

    private static final Map<String, String> NO_HEADERS = Map.of();

    private JsonRpcErrors() {
    }

    // ---------------------------------------------------------------- bad input

    public static McpError parseError(String detail) {
        return error(400, PARSE_ERROR, "Parse error: the body is not valid JSON (" + clip(detail) + ")", null);
    }

    public static McpError invalidRequest(String detail, JsonNode id) {
        return error(400, INVALID_REQUEST, "Invalid Request: " + detail, null).withId(id);
    }

    public static McpError invalidParams(String detail) {
        return error(200, INVALID_PARAMS, "Invalid params: " + detail, null);
    }

    public static McpError batchRefused(String protocolVersion) {
        return error(400, INVALID_REQUEST, "Invalid Request: JSON-RPC batches are not supported in MCP "
                + protocolVersion + "; send one message per POST", null);
    }

    public static McpError bodyTooLarge(long limitBytes) {
        return error(413, INVALID_REQUEST, "Request body too large: the limit is " + limitBytes + " bytes", null);
    }

    public static McpError unsupportedMediaType(String contentType) {
        return error(415, BAD_REQUEST, "Unsupported Media Type: Content-Type must be application/json, got "
                + (contentType == null ? "none" : "'" + clip(contentType) + "'"), null);
    }

    public static McpError notAcceptable(String accept, String needed) {
        return error(406, BAD_REQUEST, "Not Acceptable: the Accept header must include " + needed + ", got "
                + (accept == null ? "none" : "'" + clip(accept) + "'"), null);
    }

    public static McpError unsupportedProtocolVersion(String version, List<String> supported) {
        return error(400, BAD_REQUEST, "Bad Request: unsupported MCP-Protocol-Version '" + clip(version)
                + "'; supported: " + String.join(", ", supported), Map.of("supported", supported));
    }

    public static McpError methodNotAllowed(String method) {
        return new McpError(405, BAD_REQUEST, "Method Not Allowed: " + method + " is not supported on this endpoint",
                null, null, Map.of("Allow", "GET, POST, DELETE"));
    }

    public static McpError hostNotAllowed(String header, String value) {
        return error(403, FORBIDDEN, "Forbidden: " + header + " '" + clip(value) + "' is not allowed", null);
    }

    // ---------------------------------------------------------------- sessions

    public static McpError missingSession() {
        return error(400, BAD_REQUEST, "Bad Request: Mcp-Session-Id header is required (send initialize first)", null);
    }

    public static McpError sessionNotFound() {
        return error(404, SESSION_NOT_FOUND, "Session not found: it ended or never existed; initialize a new session", null);
    }

    public static McpError alreadyInitialized() {
        return error(400, INVALID_REQUEST, "Invalid Request: initialize must be sent without an Mcp-Session-Id", null);
    }

    // ---------------------------------------------------------------- auth and routing

    public static McpError missingToken() {
        return auth(401, UNAUTHORIZED, "invalid_request",
                "Unauthorized: the Authorization header is missing; send 'Authorization: Bearer <grant token>'");
    }

    public static McpError malformedToken() {
        return auth(401, UNAUTHORIZED, "invalid_request",
                "Unauthorized: the Authorization header must be 'Bearer <grant token>'");
    }

    public static McpError invalidToken() {
        return auth(401, UNAUTHORIZED, "invalid_token",
                "Unauthorized: the bearer token matches no live grant (unknown, revoked or expired)");
    }

    public static McpError wrongServer(String server) {
        return auth(403, FORBIDDEN, "insufficient_scope",
                "Forbidden: this grant is not valid for server '" + server + "'");
    }

    public static McpError authUnavailable(String cause) {
        return error(503, AUTH_UNAVAILABLE, "Service Unavailable: the gateway could not authenticate the request "
                + "because the policy service is unreachable (" + clip(cause) + "); retry later", null);
    }

    public static McpError unknownServer(String server, Iterable<String> known) {
        return error(404, UNKNOWN_SERVER, "Not Found: no MCP server named '" + clip(server) + "' on this gateway",
                Map.of("servers", known));
    }

    // ---------------------------------------------------------------- upstream and policy

    public static McpError upstreamUnreachable(String server, String cause) {
        return error(502, UPSTREAM_UNREACHABLE, "Upstream MCP server '" + server + "' is unreachable: " + clip(cause),
                Map.of("server", server));
    }

    public static McpError upstreamTimeout(String server, long timeoutMs) {
        return error(504, UPSTREAM_TIMEOUT, "Upstream MCP server '" + server + "' did not answer within "
                + timeoutMs + " ms", Map.of("server", server));
    }

    public static McpError upstreamBadResponse(String server, String cause) {
        return error(502, UPSTREAM_BAD_RESPONSE, "Upstream MCP server '" + server + "' answered badly: " + clip(cause),
                Map.of("server", server));
    }

    public static McpError toolsFilterUnavailable(String server, String cause) {
        return error(503, POLICY_UNAVAILABLE, "The gateway could not decide which tools of '" + server
                + "' this grant may see (" + clip(cause) + "); no tools are listed until it can", Map.of("server", server));
    }

    /** The session store shared by replicas did not answer: the session can be neither confirmed nor ended. */
    public static McpError sessionStoreUnavailable(String cause) {
        return error(503, SESSION_STORE_UNAVAILABLE, "Service Unavailable: the gateway could not check the session "
                + "because its shared session store is unreachable (" + clip(cause) + "); retry later", null);
    }

    public static McpError internal(String detail) {
        return error(500, INTERNAL_ERROR, "Internal error in the gateway: " + clip(detail), null);
    }

    // ---------------------------------------------------------------- rendering

    /** The JSON-RPC error object for {@code e}. */
    public static ObjectNode toJson(McpError e) {
        ObjectNode root = Json.object();
        root.put("jsonrpc", "2.0");
        root.set("id", e.id() == null ? Json.NODES.nullNode() : e.id());
        ObjectNode err = root.putObject("error");
        err.put("code", e.code());
        err.put("message", e.message());
        if (e.data() != null && !e.data().isEmpty()) {
            err.set("data", Json.MAPPER.valueToTree(e.data()));
        }
        return root;
    }

    public static byte[] render(McpError e) {
        return Json.bytes(toJson(e));
    }

    private static McpError error(int status, int code, String message, Map<String, ?> data) {
        Map<String, Object> d = data == null ? null : new LinkedHashMap<>(data);
        return new McpError(status, code, message, d, null, NO_HEADERS);
    }

    private static McpError auth(int status, int code, String oauthError, String message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("error", oauthError);
        data.put("error_description", message);
        String challenge = "Bearer realm=\"mcp-gateway\", error=\"" + oauthError + "\"";
        return new McpError(status, code, message, data, null, Map.of("WWW-Authenticate", challenge));
    }

    /** Keeps client-supplied or exception text short and on one line in error messages. */
    static String clip(String s) {
        if (s == null) {
            return "unknown";
        }
        String one = s.replaceAll("[\\r\\n\\t]+", " ").trim();
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }
}
