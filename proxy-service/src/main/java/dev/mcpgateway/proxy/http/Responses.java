package dev.mcpgateway.proxy.http;

import dev.mcpgateway.proxy.jsonrpc.JsonRpcErrors;
import dev.mcpgateway.proxy.jsonrpc.McpError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes an {@link McpError} as an HTTP response (status, headers, JSON-RPC error body). */
final class Responses {

    private Responses() {
    }

    static void error(HttpServerResponse response, McpError error) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.end();
            return;
        }
        response.setStatusCode(error.httpStatus()).putHeader("Content-Type", "application/json");
        error.headers().forEach(response::putHeader);
        response.end(Buffer.buffer(JsonRpcErrors.render(error)));
    }
}
