package dev.mcpgateway.proxy.session;

import dev.mcpgateway.proxy.ProxyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The revocation store {@code proxy.sessions.revocations} selects. The Redis client is looked up only when
 * Redis is selected, so a single replica never connects to (or needs) a Redis.
 */
public class RevocationSetup {
    private static final Logger LOG = Logger.getLogger(RevocationSetup.class);

    @Produces
    @Singleton
    SessionRevocations revocations(ProxyConfig config, Instance<Redis> redis, MeterRegistry registry) {
        ProxyConfig.Sessions s = config.sessions();
        if (s.revocations() == ProxyConfig.Sessions.RevocationStore.redis) {
            LOG.infof("Session revocations in Redis (key prefix %s): a DELETE on any replica ends the session on all",
                    s.redisKeyPrefix());
            return new RedisSessionRevocations(redis.get(), s.redisKeyPrefix(), s.redisTimeout(), registry);
        }
        LOG.info("Session revocations in memory: a DELETE ends the session on this replica only "
                + "(proxy.sessions.revocations=redis for several replicas)");
        return new InMemorySessionRevocations();
    }
}
