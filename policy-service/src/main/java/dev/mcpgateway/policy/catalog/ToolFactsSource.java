package dev.mcpgateway.policy.catalog;

import dev.mcpgateway.policy.evaluate.ToolFacts;

/** Where Decide gets a tool's risk and category; never blocks. */
public interface ToolFactsSource {
    ToolFacts facts(String server, String tool);
}
