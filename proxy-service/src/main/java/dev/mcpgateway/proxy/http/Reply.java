package dev.mcpgateway.proxy.http;

import dev.mcpgateway.proxy.jsonrpc.McpError;

/** Where the answer to one client message goes: a POST's HTTP response, or one slot of a batch. */
public interface Reply {

    /** A message before the response (progress, logging, a server request). */
    void interim(byte[] message);

    /** The response, with a header for the HTTP response when it is still open ({@code null} for none). */
    void respond(byte[] message, String headerName, String headerValue);

    default void respond(byte[] message) {
        respond(message, null, null);
    }

    /** A notification or response the upstream accepted: nothing to answer. */
    void accepted();

    /** An error response (JSON-RPC error object, with an HTTP status if nothing was sent yet). */
    void error(McpError error);

    /** True once nobody can receive the answer any more (the client's connection closed). */
    default boolean clientGone() {
        return false;
    }
}
