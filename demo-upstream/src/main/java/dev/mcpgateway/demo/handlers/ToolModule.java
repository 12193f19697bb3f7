package dev.mcpgateway.demo.handlers;

import dev.mcpgateway.demo.tools.HandlerTable;

/** The handlers of one SmartLead module (campaigns, leads, ...), mirroring the original's layout. */
interface ToolModule {
    void register(HandlerTable table);
}
