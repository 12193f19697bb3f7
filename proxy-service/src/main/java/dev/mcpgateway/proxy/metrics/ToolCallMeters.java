package dev.mcpgateway.proxy.metrics;

import dev.mcpgateway.contracts.audit.DecisionEventV1;
import dev.mcpgateway.proxy.ProxyConfig;
import dev.mcpgateway.proxy.call.CallMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Registers {@code mcp_proxy_tool_calls_total} at 0 for every configured server and decision
 * (tool {@code _unknown}, risk {@code unknown}) at start: a counter that appears only with its first
 * increment is invisible to {@code increase()}, so the first refusal after a restart would not alert.
 */
@ApplicationScoped
public class ToolCallMeters {

    void preRegister(@Observes StartupEvent ev, ProxyConfig config, MeterRegistry registry) {
        register(registry, config.upstreams().keySet());
    }

    public static void register(MeterRegistry registry, Iterable<String> servers) {
        for (String server : servers) {
            for (String decision : CallMetrics.DECISIONS) {
                String outcome = "ALLOW".equals(decision) ? DecisionEventV1.UpstreamOutcome.OK.name()
                        : DecisionEventV1.UpstreamOutcome.NOT_FORWARDED.name();
                CallMetrics.toolCalls(registry, server, CallMetrics.UNKNOWN_TOOL, decision, "unknown", outcome);
            }
        }
    }
}
