package dev.mcpgateway.policy.decision;

import dev.mcpgateway.policy.PolicyConfig;
import dev.mcpgateway.policy.catalog.ToolFactsCache;
import dev.mcpgateway.policy.grant.GrantRegistry;
import dev.mcpgateway.policy.limit.CounterStore;
import dev.mcpgateway.policy.limit.ReservationBook;
import dev.mcpgateway.policy.store.PolicyRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires {@link DecisionService}; it takes plain constructor arguments so unit tests build it without CDI. */
public class DecisionSetup {
    @Produces
    @Singleton
    DecisionService decisions(GrantRegistry grants, PolicyRegistry policies, ToolFactsCache catalog,
                              CounterStore counters, ReservationBook reservations, Clock clock,
                              PolicyConfig config, MeterRegistry meters) {
        return new DecisionService(grants, policies, catalog, counters, reservations, clock,
                config.maxArgumentsBytes(), meters);
    }

    @Produces
    @Singleton
    InFlight inFlight(PolicyConfig config, MeterRegistry meters) {
        return new InFlight(config.maxInFlight(), meters);
    }
}
