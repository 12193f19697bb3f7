package dev.mcpgateway.proxy.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Counts calls by server, decision and upstream outcome, and times the whole call and the upstream part. */
public final class CallMetrics implements CallListener {

    private final MeterRegistry registry;

    public CallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void completed(CallExchange ex) {
        String decision = ex.isUndecided() || ex.decision() == null ? "UNDECIDED" : ex.decision().getDecision().name();
        Counter.builder("mcp.proxy.tool.calls")
                .description("tools/call requests by decision and upstream outcome")
                .tag("server", ex.server()).tag("decision", decision).tag("outcome", ex.upstreamOutcome().name())
                .register(registry).increment();
        Timer.builder("mcp.proxy.tool.call.duration").description("Time to answer a tools/call, gateway included")
                .tag("server", ex.server()).register(registry)
                .record(System.nanoTime() - ex.startNanos(), TimeUnit.NANOSECONDS);
        if (ex.upstreamLatencyMs() != null) {
            Timer.builder("mcp.proxy.upstream.duration").description("Time the upstream took to answer a tools/call")
                    .tag("server", ex.server()).register(registry)
                    .record(ex.upstreamLatencyMs(), TimeUnit.MILLISECONDS);
        }
    }
}
