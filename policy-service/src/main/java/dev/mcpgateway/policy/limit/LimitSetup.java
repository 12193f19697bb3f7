package dev.mcpgateway.policy.limit;

import dev.mcpgateway.policy.Background;
import dev.mcpgateway.policy.PolicyConfig;
import io.quarkus.runtime.Startup;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The counter store (in memory for one replica, Redis for several) and the sweep of expired reservations and windows. */
public class LimitSetup {
    private static final Logger LOG = Logger.getLogger(LimitSetup.class);

    @Produces
    @Singleton
    CounterStore counters(PolicyConfig config, Instance<Redis> redis, Vertx vertx,
                          @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String redisType) {
        PolicyConfig.Limits l = config.limits();
        if (l.store() == PolicyConfig.Limits.StoreKind.redis) {
            // On a cluster a script's keys must share a slot, which a reservation's record does not with its counters.
            boolean cluster = "cluster".equalsIgnoreCase(redisType);
            LOG.infof("Rate-limit counters in Redis (key prefix %s%s): exact across replicas", l.redisKeyPrefix(),
                    cluster ? ", cluster: reservations recorded by a command of their own" : "");
            return new RedisCounterStore(vertx, redis.get(), l.redisKeyPrefix(), l.redisTimeout(), !cluster);
        }
        LOG.info("Rate-limit counters in memory: exact for this replica only (policy.limits.store=redis for several)");
        return new InMemoryCounterStore();
    }

    @Produces
    @Singleton
    @Startup
    ReservationBook reservations(PolicyConfig config, CounterStore counters, Clock clock, Background background) {
        ReservationBook book = new ReservationBook(config.limits().reservationTtl().toMillis(), counters);
        background.every(config.limits().sweepInterval(), config.limits().sweepInterval(), () -> {
            long now = clock.millis();
            int expired = book.expire(now);
            if (expired > 0) {
                LOG.infof("Gave back %d reservation(s) never settled within %s", expired, config.limits().reservationTtl());
            }
            counters.evictExpired(now);
        });
        return book;
    }
}
