package dev.mcpgateway.proxy.upstream;

import dev.mcpgateway.proxy.jsonrpc.JsonRpcErrors;
import dev.mcpgateway.proxy.jsonrpc.McpError;

/** An upstream exchange that did not produce an answer. An expected outcome: no stack trace. */
public final class UpstreamException extends RuntimeException {

    public enum Kind {
        UNREACHABLE, TIMEOUT, BAD_RESPONSE,
        /** The upstream answered 404 to our session id: it ended the session; re-initialize. */
        SESSION_EXPIRED
    }

    private final Kind kind;
    private final long timeoutMs;

    public UpstreamException(Kind kind, String message, long timeoutMs) {
        super(message, null, false, false);
        this.kind = kind;
        this.timeoutMs = timeoutMs;
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON-RPC error the client gets, naming the server and the cause. */
    public McpError toError(String server) {
        return switch (kind) {
            case TIMEOUT -> JsonRpcErrors.upstreamTimeout(server, timeoutMs);
            case UNREACHABLE -> JsonRpcErrors.upstreamUnreachable(server, getMessage());
            case BAD_RESPONSE -> JsonRpcErrors.upstreamBadResponse(server, getMessage());
            case SESSION_EXPIRED -> JsonRpcErrors.upstreamBadResponse(server, "the upstream session expired again");
        };
    }
}
