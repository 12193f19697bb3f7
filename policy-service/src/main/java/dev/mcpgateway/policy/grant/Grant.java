package dev.mcpgateway.policy.grant;

/**
 * A grant: who may call, on which server, under which policy. Holds the token's SHA-256, never
 * the token.
 *
 * @param server the one upstream server it is for ("" = any)
 */
public record Grant(String id, String name, String server, String policyId, byte[] tokenHash) {
}
