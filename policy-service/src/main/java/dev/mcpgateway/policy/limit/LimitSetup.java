package dev.mcpgateway.policy.limit;

import dev.mcpgateway.policy.Background;
import dev.mcpgateway.policy.PolicyConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jboss.logging.Logger;

/** The counter store (in memory for one replica) and the sweep of expired reservations and windows. */
public class LimitSetup {
    private static final Logger LOG = Logger.getLogger(LimitSetup.class);

    @Produces
    @Singleton
    CounterStore counters() {
        return new InMemoryCounterStore();
    }

    @Produces
    @Singleton
    @Startup
    ReservationBook reservations(PolicyConfig config, CounterStore counters, Clock clock, Background background) {
        ReservationBook book = new ReservationBook(config.limits().reservationTtl().toMillis());
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
