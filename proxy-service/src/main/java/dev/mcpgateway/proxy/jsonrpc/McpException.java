package dev.mcpgateway.proxy.jsonrpc;

/** Carries an {@link McpError} through a reactive pipeline; no stack trace (it is an expected outcome). */
public final class McpException extends RuntimeException {
    private final McpError error;

    public McpException(McpError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public McpError error() {
        return error;
    }
}
