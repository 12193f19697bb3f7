package dev.mcpgateway.demo;

import dev.mcpgateway.demo.account.FakeAccount;
import dev.mcpgateway.demo.handlers.SmartLeadHandlers;
import dev.mcpgateway.demo.mcp.McpServer;
import dev.mcpgateway.demo.mcp.ToolCallListener;
import dev.mcpgateway.demo.mcp.ToolCaller;
import dev.mcpgateway.demo.tools.ArgumentValidator;
import dev.mcpgateway.demo.tools.ToolCatalog;
import java.time.Clock;

/** Wires catalog, fake account, handlers and MCP server together; shared by the HTTP service and the stdio main. */
public final class SmartLeadStandIn {

    private SmartLeadStandIn() {
    }

    public static McpServer create(Clock clock, boolean seedAccount, ToolCallListener listener) {
        return create(ToolCatalog.fromClasspath(), clock, seedAccount, listener);
    }

    public static McpServer create(ToolCatalog catalog, Clock clock, boolean seedAccount, ToolCallListener listener) {
        FakeAccount account = seedAccount ? FakeAccount.seeded(clock) : new FakeAccount(clock);
        ToolCaller caller = new ToolCaller(catalog, new ArgumentValidator(),
                SmartLeadHandlers.forAccount(catalog, account), listener);
        return new McpServer(catalog, caller);
    }
}
