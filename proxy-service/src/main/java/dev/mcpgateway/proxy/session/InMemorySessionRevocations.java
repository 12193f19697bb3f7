package dev.mcpgateway.proxy.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.mutiny.Uni;
import java.time.Instant;

/**
 * Revocations of this instance only, each kept until the revoked id would have expired anyway. The store of a
 * single replica ({@code proxy.sessions.revocations=memory}); built by {@link RevocationSetup}.
 */
public class InMemorySessionRevocations implements SessionRevocations {

    private final Cache<String, Instant> revoked = Caffeine.newBuilder()
            .expireAfter(new Expiry<String, Instant>() {
                @Override
                public long expireAfterCreate(String key, Instant until, long currentTime) {
                    return Math.max(0, until.toEpochMilli() - System.currentTimeMillis()) * 1_000_000L;
                }

                @Override
                public long expireAfterUpdate(String key, Instant until, long currentTime, long currentDuration) {
                    return expireAfterCreate(key, until, currentTime);
                }

                @Override
                public long expireAfterRead(String key, Instant until, long currentTime, long currentDuration) {
                    return currentDuration;
                }
            })
            .build();

    @Override
    public Uni<Boolean> isRevoked(String sessionKey) {
        return Uni.createFrom().item(revoked.getIfPresent(sessionKey) != null);
    }

    @Override
    public Uni<Void> revoke(String sessionKey, Instant until) {
        revoked.put(sessionKey, until);
        return Uni.createFrom().voidItem();
    }
}
