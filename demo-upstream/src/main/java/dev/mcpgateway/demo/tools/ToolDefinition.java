package dev.mcpgateway.demo.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One SmartLead tool as the catalog describes it. {@code inputSchema} is the catalog's own node, kept
 * unchanged so tools/list serves it byte for byte (key order included).
 */
public record ToolDefinition(String name, String title, String description, String module, String category,
        ObjectNode inputSchema) {

    /** Read-only tools may be served by the generic report fallback. */
    public boolean readOnly() {
        return "read".equals(category);
    }
}
