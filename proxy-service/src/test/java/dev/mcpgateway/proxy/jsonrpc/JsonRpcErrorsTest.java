package dev.mcpgateway.proxy.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRpcErrorsTest {

    @Test
    void rendersAJsonRpcErrorObject() throws Exception {
        McpError e = JsonRpcErrors.invalidRequest("bad", Json.NODES.numberNode(3));
        JsonNode json = Json.MAPPER.readTree(JsonRpcErrors.render(e));
        assertEquals("2.0", json.path("jsonrpc").asText());
        assertEquals(3, json.path("id").asInt());
        assertEquals(-32600, json.path("error").path("code").asInt());
        assertEquals("Invalid Request: bad", json.path("error").path("message").asText());
        assertFalse(json.path("error").has("data"));
    }

    @Test
    void unknownIdIsNull() throws Exception {
        JsonNode json = Json.MAPPER.readTree(JsonRpcErrors.render(JsonRpcErrors.parseError("x")));
        assertTrue(json.get("id").isNull());
    }

    @Test
    void authErrorsCarryABearerChallengeAndAnOAuthErrorCode() {
        McpError missing = JsonRpcErrors.missingToken();
        assertEquals(401, missing.httpStatus());
        assertTrue(missing.headers().get("WWW-Authenticate").startsWith("Bearer "));
        assertEquals("invalid_request", missing.data().get("error"));
        assertEquals("invalid_token", JsonRpcErrors.invalidToken().data().get("error"));
        assertEquals(403, JsonRpcErrors.wrongServer("s").httpStatus());
        assertEquals(503, JsonRpcErrors.authUnavailable("UNAVAILABLE").httpStatus());
    }

    @Test
    void upstreamErrorsNameTheServerAndCause() {
        McpError e = JsonRpcErrors.upstreamUnreachable("smartlead", "connection refused");
        assertTrue(e.message().contains("'smartlead'"));
        assertTrue(e.message().contains("connection refused"));
        assertEquals("smartlead", e.data().get("server"));
        assertTrue(JsonRpcErrors.upstreamTimeout("smartlead", 2000).message().contains("2000 ms"));
    }

    @Test
    void clientTextIsClippedToOneShortLine() {
        McpError e = JsonRpcErrors.unsupportedProtocolVersion("v\r\n" + "x".repeat(500), List.of("2025-11-25"));
        assertFalse(e.message().contains("\n"));
        assertTrue(e.message().length() < 320);
    }

    @Test
    void statusAndIdCanBeAdjustedWithoutLosingTheRest() {
        McpError e = JsonRpcErrors.upstreamTimeout("s", 1).withId(Json.NODES.textNode("q")).withStatus(200);
        assertEquals(200, e.httpStatus());
        assertEquals("q", e.id().asText());
        assertEquals(JsonRpcErrors.UPSTREAM_TIMEOUT, e.code());
    }
}
