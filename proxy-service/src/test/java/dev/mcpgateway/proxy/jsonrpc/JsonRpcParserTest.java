package dev.mcpgateway.proxy.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonRpcParserTest {

    private static JsonRpcParser.Parsed parse(String body) {
        return JsonRpcParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonRpcMessage single(String body) {
        return ((JsonRpcParser.Single) parse(body)).message();
    }

    private static McpError error(String body) {
        return assertThrows(McpException.class, () -> parse(body)).error();
    }

    @Test
    void recognisesRequestsNotificationsAndResponses() {
        JsonRpcMessage req = single("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}");
        assertEquals(JsonRpcMessage.Kind.REQUEST, req.kind());
        assertEquals("a", req.id().textValue());
        assertEquals("x", req.param("name").asText());

        JsonRpcMessage note = single("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertEquals(JsonRpcMessage.Kind.NOTIFICATION, note.kind());
        assertNull(note.id());
        assertTrue(note.param("anything").isMissingNode());

        JsonRpcMessage resp = single("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}");
        assertEquals(JsonRpcMessage.Kind.RESPONSE, resp.kind());
        assertEquals(5, resp.id().intValue());
    }

    @Test
    void keepsTheRawBytesForForwarding() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        assertEquals(body, new String(single(body).raw(), StandardCharsets.UTF_8));
    }

    @Test
    void notJsonIsAParseError() {
        McpError e = error("{\"jsonrpc\":");
        assertEquals(JsonRpcErrors.PARSE_ERROR, e.code());
        assertEquals(400, e.httpStatus());
        assertNull(e.id());
        assertEquals(JsonRpcErrors.PARSE_ERROR, error("").code());
        assertEquals(JsonRpcErrors.PARSE_ERROR, error("{} trailing").code());
    }

    @Test
    void invalidMessagesAreInvalidRequests() {
        assertEquals(JsonRpcErrors.INVALID_REQUEST, error("42").code());
        assertEquals(JsonRpcErrors.INVALID_REQUEST, error("{\"id\":1,\"method\":\"ping\"}").code());
        assertEquals(JsonRpcErrors.INVALID_REQUEST, error("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}").code());
        assertEquals(JsonRpcErrors.INVALID_REQUEST, error("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}").code());
        assertEquals(JsonRpcErrors.INVALID_REQUEST, error("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":[1]}").code());
        assertEquals(JsonRpcErrors.INVALID_REQUEST, error("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{}}").code());
        assertEquals(JsonRpcErrors.INVALID_REQUEST, error("{\"jsonrpc\":\"2.0\",\"result\":{}}").code());
        assertEquals(JsonRpcErrors.INVALID_REQUEST, error("[]").code());
    }

    @Test
    void anInvalidRequestKeepsAValidIdSoTheClientCanMatchIt() {
        McpError e = error("{\"jsonrpc\":\"1.0\",\"id\":9,\"method\":\"ping\"}");
        assertEquals(9, e.id().intValue());
    }

    @Test
    void duplicateKeysAreRefused() {
        assertEquals(JsonRpcErrors.PARSE_ERROR, error("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"ping\"}").code());
    }

    @Test
    void batchesAreReportedForTheCallerToDecide() {
        JsonRpcParser.Batch b = assertInstanceOf(JsonRpcParser.Batch.class,
                parse("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"method\":\"x\"}]"));
        assertEquals(2, b.size());
    }
}
