package dev.mcpgateway.proxy.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One agent's MCP session on the gateway, mapped to its upstream session. Immutable: a change (the
 * upstream session re-initialized) is a new value saved to the {@link SessionStore}.
 *
 * @param id                 the session's short stable key (decision events, policy, revocation)
 * @param token              the {@code Mcp-Session-Id} the client holds: this session, sealed (see {@link SessionSealer})
 * @param upstreamSessionId  the upstream's {@code Mcp-Session-Id} ({@code null} when the upstream is stateless)
 * @param protocolVersion    the version negotiated at initialize, sent upstream as MCP-Protocol-Version
 * @param initializeParams   the client's initialize params, replayed when the upstream session expires
 */
public record ProxySession(String id, String token, String server, String grantId, String grantName,
                           String upstreamSessionId, String protocolVersion, ObjectNode initializeParams,
                           Instant createdAt, Instant expiresAt) {

    public ProxySession withUpstreamSessionId(String newUpstreamSessionId) {
        return new ProxySession(id, token, server, grantId, grantName, newUpstreamSessionId, protocolVersion,
                initializeParams, createdAt, expiresAt);
    }

    public ProxySession withToken(String newToken) {
        return new ProxySession(id, newToken, server, grantId, grantName, upstreamSessionId, protocolVersion,
                initializeParams, createdAt, expiresAt);
    }
}
