package dev.mcpgateway.demo.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Tool name → handler. Registering a name twice is a programming error and fails at start. */
public final class HandlerTable {

    private final Map<String, ToolHandler> handlers = new LinkedHashMap<>();

    public HandlerTable on(String toolName, ToolHandler handler) {
        if (handlers.putIfAbsent(toolName, handler) != null) {
            throw new IllegalStateException("Two handlers for " + toolName);
        }
        return this;
    }

    public Optional<ToolHandler> find(String toolName) {
        return Optional.ofNullable(handlers.get(toolName));
    }

    public boolean contains(String toolName) {
        return handlers.containsKey(toolName);
    }

    public java.util.Set<String> names() {
        return handlers.keySet();
    }
}
