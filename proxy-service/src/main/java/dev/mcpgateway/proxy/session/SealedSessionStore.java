package dev.mcpgateway.proxy.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mcpgateway.proxy.ProxyConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sessions whose id is the session, sealed ({@link SessionSealer}). Memory is only a cache: a replica
 * that has never seen a session (or this one after a restart) unseals the id and goes on. Ending a
 * session is a {@link SessionRevocations} record, checked on every request (one hash lookup in memory,
 * or one Redis EXISTS when replicas share revocations).
 */
@ApplicationScoped
public class SealedSessionStore implements SessionStore {

    private final SessionSealer sealer;
    private final SessionRevocations revocations;
    private final Duration maxLifetime;
    private final Cache<String, ProxySession> cache;

    @jakarta.inject.Inject
    public SealedSessionStore(ProxyConfig config, SessionSealer sealer, SessionRevocations revocations, MeterRegistry registry) {
        this(sealer, revocations, config.sessions().idleTimeout(), config.sessions().maxSessions(), config.sessions().maxLifetime());
        Gauge.builder("mcp.proxy.sessions", cache, Cache::estimatedSize)
                .description("Downstream MCP sessions held in this instance's memory").register(registry);
    }

    public SealedSessionStore(SessionSealer sealer, SessionRevocations revocations, Duration idleTimeout, long maxSessions,
                              Duration maxLifetime) {
        this.sealer = sealer;
        this.revocations = revocations;
        this.maxLifetime = maxLifetime;
        this.cache = Caffeine.newBuilder().expireAfterAccess(idleTimeout).maximumSize(maxSessions).build();
    }

    @Override
    public ProxySession open(String server, String grantId, String grantName, String upstreamSessionId,
                             String protocolVersion, com.fasterxml.jackson.databind.node.ObjectNode initializeParams) {
        Instant now = Instant.now();
        ProxySession s = new ProxySession(SessionIds.newKey(), null, server, grantId, grantName, upstreamSessionId,
                protocolVersion, initializeParams, now, now.plus(maxLifetime));
        return s.withToken(sealer.seal(s));
    }

    @Override
    public Uni<Optional<ProxySession>> find(String token) {
        ProxySession s = cache.getIfPresent(token);
        if (s == null) {
            s = sealer.unseal(token).orElse(null);
            if (s == null) {
                return Uni.createFrom().item(Optional.empty());
            }
        }
        if (!s.expiresAt().isAfter(Instant.now())) {
            cache.invalidate(token);
            return Uni.createFrom().item(Optional.empty());
        }
        ProxySession found = s;
        return revocations.isRevoked(found.id()).map(revoked -> {
            if (revoked) {
                cache.invalidate(token);
                return Optional.empty();
            }
            cache.asMap().putIfAbsent(token, found);
            return Optional.of(found);
        });
    }

    @Override
    public Uni<Void> save(ProxySession session) {
        cache.put(session.token(), session);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> end(ProxySession session) {
        cache.invalidate(session.token());
        return revocations.revoke(session.id(), session.expiresAt());
    }
}
