package dev.mcpgateway.demo.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs one tool against the fake account and returns what the SmartLead API would have answered.
 * A simulated API failure is thrown as {@link dev.mcpgateway.demo.account.ApiFailure}.
 */
@FunctionalInterface
public interface ToolHandler {
    JsonNode call(ToolArguments args);
}
