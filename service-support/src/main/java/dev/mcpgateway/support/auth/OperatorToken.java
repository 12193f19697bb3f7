package dev.mcpgateway.support.auth;

/** One line of the token file: who the token is for, the role it carries, and the SHA-256 of the token. */
public record OperatorToken(String name, OperatorRole role, byte[] sha256) {
}
