package dev.mcpgateway.policy;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The one thread that runs periodic housekeeping (catalog refresh, reservation expiry), kept off
 * the event loop and out of the decision path. Also produces the clock.
 */
@Singleton
public class Background {
    private static final Logger LOG = Logger.getLogger(Background.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "policy-housekeeping");
        t.setDaemon(true);
        return t;
    });

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Runs {@code task} now-ish (after {@code initialDelay}) and then every {@code period}; a failure is logged, never fatal. */
    public void every(Duration initialDelay, Duration period, Runnable task) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("Housekeeping task failed", e);
            }
        }, initialDelay.toMillis(), Math.max(1, period.toMillis()), TimeUnit.MILLISECONDS);
    }

    public Executor executor() {
        return executor;
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
