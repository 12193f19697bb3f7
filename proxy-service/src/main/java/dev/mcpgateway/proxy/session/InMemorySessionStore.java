package dev.mcpgateway.proxy.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mcpgateway.proxy.ProxyConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Sessions of one proxy instance, forgotten after the configured idle time. */
@ApplicationScoped
public class InMemorySessionStore implements SessionStore {

    private final Cache<String, ProxySession> sessions;

    public InMemorySessionStore(ProxyConfig config, MeterRegistry registry) {
        this.sessions = Caffeine.newBuilder()
                .expireAfterAccess(config.sessions().idleTimeout())
                .maximumSize(config.sessions().maxSessions())
                .build();
        Gauge.builder("mcp.proxy.sessions", sessions, Cache::estimatedSize)
                .description("Live downstream MCP sessions on this instance").register(registry);
    }

    @Override
    public Uni<Optional<ProxySession>> find(String id) {
        return Uni.createFrom().item(Optional.ofNullable(sessions.getIfPresent(id)));
    }

    @Override
    public Uni<Void> save(ProxySession session) {
        sessions.put(session.id(), session);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> remove(String id) {
        sessions.invalidate(id);
        return Uni.createFrom().voidItem();
    }
}
