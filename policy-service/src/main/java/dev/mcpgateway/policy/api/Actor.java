package dev.mcpgateway.policy.api;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who made a change, as recorded with it: the {@code X-Actor} header (or a body field) when the caller names a
 * person, otherwise the authenticated operator (token name or JWT subject).
 */
public final class Actor {
    private Actor() {
    }

    public static String of(String named, SecurityIdentity identity) {
        if (named != null && !named.isBlank()) {
            return named.strip();
        }
        return identity == null || identity.isAnonymous() ? "api" : identity.getPrincipal().getName();
    }
}
