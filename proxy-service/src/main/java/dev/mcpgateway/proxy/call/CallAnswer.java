package dev.mcpgateway.proxy.call;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.proxy.jsonrpc.McpError;
import dev.mcpgateway.proxy.upstream.UpstreamMessage;

/** How a call is answered: the upstream's response relayed, the gateway's own response, or an error. */
public sealed interface CallAnswer {

    record Relayed(UpstreamMessage response) implements CallAnswer {
    }

    record Answered(ObjectNode response) implements CallAnswer {
    }

    record Failed(McpError error) implements CallAnswer {
    }
}
