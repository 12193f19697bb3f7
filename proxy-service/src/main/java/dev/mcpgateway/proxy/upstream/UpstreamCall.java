package dev.mcpgateway.proxy.upstream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One message to send upstream.
 *
 * @param requestId       the id whose response ends the exchange; {@code null} for notifications and responses
 * @param sessionId       the upstream session ({@code null} before initialize or for stateless upstreams)
 * @param protocolVersion sent as MCP-Protocol-Version ({@code null} on initialize)
 */
public record UpstreamCall(byte[] body, JsonNode requestId, String sessionId, String protocolVersion) {

    public UpstreamCall withSessionId(String newSessionId) {
        return new UpstreamCall(body, requestId, newSessionId, protocolVersion);
    }
}
