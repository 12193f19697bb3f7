package dev.mcpgateway.demo.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.account.ApiFailure;
import dev.mcpgateway.demo.json.Json;
import dev.mcpgateway.demo.tools.ArgumentProblem;
import dev.mcpgateway.demo.tools.ArgumentValidator;
import dev.mcpgateway.demo.tools.HandlerTable;
import dev.mcpgateway.demo.tools.ToolArguments;
import dev.mcpgateway.demo.tools.ToolCatalog;
import dev.mcpgateway.demo.tools.ToolDefinition;
import dev.mcpgateway.demo.tools.ToolHandler;
import java.util.List;

/**
 * tools/call as the original answers it: unknown tool or bad arguments → JSON-RPC -32602 naming the
 * problems; an API failure → an ordinary result whose text starts with "❌" (no isError); otherwise
 * the API's answer as pretty JSON text.
 */
public final class ToolCaller {

    private final ToolCatalog catalog;
    private final ArgumentValidator validator;
    private final HandlerTable handlers;
    private final ToolCallListener listener;
    /** One fake account shared by all sessions; calls are short, so one lock keeps it consistent. */
    private final Object accountLock = new Object();

    public ToolCaller(ToolCatalog catalog, ArgumentValidator validator, HandlerTable handlers, ToolCallListener listener) {
        this.catalog = catalog;
        this.validator = validator;
        this.handlers = handlers;
        this.listener = listener;
    }

    public ObjectNode call(JsonNode params) {
        long started = System.nanoTime();
        JsonNode nameNode = params.get("name");
        if (nameNode == null || !nameNode.isTextual()) {
            throw new McpError(McpError.INVALID_PARAMS, "Invalid params: \"name\" must be a string");
        }
        String name = nameNode.asText();
        ToolDefinition tool = catalog.find(name).orElse(null);
        ToolHandler handler = handlers.find(name).orElse(null);
        if (tool == null || handler == null) {
            listener.called(name, ToolCallListener.Outcome.UNKNOWN_TOOL, System.nanoTime() - started);
            throw new McpError(McpError.INVALID_PARAMS, "Tool " + name + " not found");
        }
        JsonNode arguments = params.has("arguments") && !params.get("arguments").isNull()
                ? params.get("arguments") : Json.object();
        List<ArgumentProblem> problems = validator.validate(tool, arguments);
        if (!problems.isEmpty()) {
            listener.called(name, ToolCallListener.Outcome.INVALID_ARGUMENTS, System.nanoTime() - started);
            throw new McpError(McpError.INVALID_PARAMS, invalidArguments(name, problems));
        }
        String text;
        ToolCallListener.Outcome outcome;
        synchronized (accountLock) {
            try {
                // Serialised inside the lock: results may be live account records.
                text = Json.pretty(handler.call(new ToolArguments((ObjectNode) arguments)));
                outcome = ToolCallListener.Outcome.OK;
            } catch (ApiFailure failure) {
                text = apiFailure(failure);
                outcome = ToolCallListener.Outcome.API_ERROR;
            }
        }
        listener.called(name, outcome, System.nanoTime() - started);
        return textResult(text);
    }

    /** Same wording as the MCP TypeScript SDK the original runs on, with Zod-like issues. */
    static String invalidArguments(String tool, List<ArgumentProblem> problems) {
        ArrayNode issues = Json.array();
        problems.forEach(p -> issues.add(p.toJson()));
        return "Invalid arguments for tool " + tool + ": " + Json.pretty(issues);
    }

    private static String apiFailure(ApiFailure failure) {
        return "❌ SmartLead API Error: " + failure.getMessage() + "\n**Status:** " + failure.status()
                + "\n\n🔧 **Troubleshooting:** Please verify your request parameters and try again.";
    }

    private static ObjectNode textResult(String text) {
        ObjectNode result = Json.object();
        ObjectNode content = result.putArray("content").addObject();
        content.put("type", "text");
        content.put("text", text);
        return result;
    }
}
