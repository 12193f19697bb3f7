package dev.mcpgateway.demo;

import dev.mcpgateway.demo.mcp.McpServer;
import dev.mcpgateway.demo.mcp.ToolCallListener;
import dev.mcpgateway.demo.tools.ToolCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** CDI wiring of the plain core classes for the HTTP service. */
public class StandInBeans {

    @Produces
    @Singleton
    ToolCatalog catalog() {
        return ToolCatalog.fromClasspath();
    }

    @Produces
    @Singleton
    McpServer mcpServer(ToolCatalog catalog, DemoConfig config, MeterRegistry registry) {
        return SmartLeadStandIn.create(catalog, Clock.systemUTC(), config.seedAccount(), metrics(registry));
    }

    /** demo_tool_calls_seconds{tool,outcome}: lets a demo show what the gateway let through. */
    private static ToolCallListener metrics(MeterRegistry registry) {
        return (tool, outcome, nanos) -> Timer.builder("demo.tool.calls")
                .description("tools/call handled by the SmartLead stand-in")
                .tag("tool", outcome == ToolCallListener.Outcome.UNKNOWN_TOOL ? "unknown" : tool)
                .tag("outcome", outcome.name().toLowerCase())
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
