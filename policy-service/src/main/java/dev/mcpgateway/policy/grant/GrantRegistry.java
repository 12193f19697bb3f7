package dev.mcpgateway.policy.grant;

import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Grants in memory, by id and by token hash. Lookup by token goes through the hash: the map is
 * keyed by the SHA-256 of the token, so its timing reveals nothing usable about the token itself,
 * and the final comparison is constant-time ({@link MessageDigest#isEqual}).
 */
public class GrantRegistry {
    private final Map<String, Grant> byId = new ConcurrentHashMap<>();
    private final Map<String, Grant> byHash = new ConcurrentHashMap<>();
    public void put(Grant grant) {
        Grant old = byId.put(grant.id(), grant);
        if (old != null) {
            byHash.remove(TokenHash.hex(old.tokenHash()), old);
        }
        byHash.put(TokenHash.hex(grant.tokenHash()), grant);
    }

    /** Forgets a grant (revoked): Decide and ResolveGrant stop knowing it at once. */
    public void remove(String id) {
        Grant old = byId.remove(id);
        if (old != null) {
            byHash.remove(TokenHash.hex(old.tokenHash()), old);
        }
    }

    public Optional<Grant> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Grant> byToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = TokenHash.of(token);
        Grant g = byHash.get(TokenHash.hex(hash));
        return g != null && MessageDigest.isEqual(g.tokenHash(), hash) ? Optional.of(g) : Optional.empty();
    }

    public int size() {
        return byId.size();
    }
}
