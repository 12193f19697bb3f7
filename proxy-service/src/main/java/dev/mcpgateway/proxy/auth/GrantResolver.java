package dev.mcpgateway.proxy.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.mcpgateway.proxy.ProxyConfig;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcErrors;
import dev.mcpgateway.proxy.jsonrpc.McpException;
import dev.mcpgateway.proxy.policy.PolicyGateway;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns an {@code Authorization} header into a {@link Grant} through GrantService.ResolveGrant, with a
 * short Caffeine cache so the hot path does not pay a gRPC round trip per request. Unknown tokens are
 * cached briefly too; "policy-service unreachable" is never cached. Tokens are cached by SHA-256 so the
 * raw secret does not sit in the heap longer than one request.
 */
@ApplicationScoped
public class GrantResolver {

    private sealed interface Lookup permits Found, Unknown, Unavailable {
    }

    private record Found(Grant grant) implements Lookup {
    }

    private record Unknown() implements Lookup {
    }

    private record Unavailable(String cause) implements Lookup {
    }

    private final PolicyGateway policy;
    private final AsyncCache<String, Lookup> cache;

    public GrantResolver(PolicyGateway policy, ProxyConfig config) {
        this.policy = policy;
        long ttl = config.grants().cacheTtl().toNanos();
        long negativeTtl = config.grants().negativeCacheTtl().toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.grants().cacheMaxSize())
                .expireAfter(new Expiry<String, Lookup>() {
                    @Override
                    public long expireAfterCreate(String key, Lookup value, long currentTime) {
                        if (value instanceof Found) {
                            return ttl;
                        }
                        return value instanceof Unknown ? negativeTtl : 0L;
                    }

                    @Override
                    public long expireAfterUpdate(String key, Lookup value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Lookup value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .buildAsync();
    }

    /** The grant for this header, or a failed Uni carrying the 401/503 error to answer. */
    public Uni<Grant> resolve(String authorizationHeader) {
        String token;
        try {
            token = bearerToken(authorizationHeader);
        } catch (McpException e) {
            return Uni.createFrom().failure(e);
        }
        String key = sha256(token);
        return Uni.createFrom().completionStage(() -> cache.get(key, (k, executor) -> lookup(token)))
                .map(GrantResolver::grantOrError);
    }

    private static Grant grantOrError(Lookup lookup) {
        if (lookup instanceof Found f) {
            return f.grant();
        }
        if (lookup instanceof Unavailable u) {
            throw new McpException(JsonRpcErrors.authUnavailable(u.cause()));
        }
        throw new McpException(JsonRpcErrors.invalidToken());
    }

    private java.util.concurrent.CompletableFuture<Lookup> lookup(String token) {
        return policy.resolveGrant(token)
                .<Lookup>map(r -> new Found(new Grant(r.getGrantId(), r.getGrantName(), r.getServer(), r.getPolicyId())))
                .onFailure().recoverWithItem(this::classify)
                .subscribeAsCompletionStage();
    }

    private Lookup classify(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        if (status.getCode() == Status.Code.UNAUTHENTICATED || status.getCode() == Status.Code.NOT_FOUND) {
            return new Unknown();
        }
        String cause = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
        return new Unavailable(cause);
    }

    static String bearerToken(String header) {
        if (header == null || header.isBlank()) {
            throw new McpException(JsonRpcErrors.missingToken());
        }
        String h = header.trim();
        // The scheme is case-insensitive (RFC 7235); the token itself is opaque.
        if (h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new McpException(JsonRpcErrors.malformedToken());
        }
        String token = h.substring(7).trim();
        if (token.isEmpty() || token.contains(" ")) {
            throw new McpException(JsonRpcErrors.malformedToken());
        }
        return token;
    }

    private static String sha256(String token) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
