package dev.mcpgateway.proxy.http;

import dev.mcpgateway.proxy.jsonrpc.JsonRpcErrors;
import dev.mcpgateway.proxy.jsonrpc.McpError;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the answers to the messages of one JSON-RPC batch (MCP 2025-03-26) into one reply: a JSON
 * array of the responses, in completion order as JSON-RPC allows, or 202 when the batch held only
 * notifications and responses. Interim messages go out at once and turn the reply into an SSE stream,
 * where the array is the last event.
 */
final class BatchReply {

    private final Reply target;
    private final List<byte[]> responses = new ArrayList<>();
    private int pending;

    BatchReply(Reply target, int size) {
        this.target = target;
        this.pending = size;
    }

    /** The reply for one message of the batch. */
    Reply slot() {
        return new Reply() {
            private boolean done;

            @Override
            public void interim(byte[] message) {
                target.interim(message);
            }

            @Override
            public void respond(byte[] message, String headerName, String headerValue) {
                finish(message);
            }

            @Override
            public void accepted() {
                finish(null);
            }

            @Override
            public void error(McpError error) {
                finish(JsonRpcErrors.render(error));
            }

            private void finish(byte[] response) {
                synchronized (BatchReply.this) {
                    if (done) {
                        return;
                    }
                    done = true;
                }
                complete(response);
            }
        };
    }

    private void complete(byte[] response) {
        Buffer array;
        synchronized (this) {
            if (response != null) {
                responses.add(response);
            }
            if (--pending > 0) {
                return;
            }
            if (responses.isEmpty()) {
                array = null;
            } else {
                array = Buffer.buffer().appendByte((byte) '[');
                for (int i = 0; i < responses.size(); i++) {
                    if (i > 0) {
                        array.appendByte((byte) ',');
                    }
                    array.appendBytes(responses.get(i));
                }
                array.appendByte((byte) ']');
            }
        }
        if (array == null) {
            target.accepted();
        } else {
            target.respond(array.getBytes());
        }
    }
}
