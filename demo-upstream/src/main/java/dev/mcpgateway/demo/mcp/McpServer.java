package dev.mcpgateway.demo.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;
import dev.mcpgateway.demo.tools.ToolCatalog;
import dev.mcpgateway.demo.tools.ToolDefinition;
import java.util.Optional;

/**
 * The transport-independent MCP server: initialize, ping, tools/list, tools/call. Transports parse
 * bytes into {@link JsonRpcMessage}s and write back whatever this returns.
 */
public final class McpServer {

    public static final String NAME = "smartlead-mcp-server-demo";
    public static final String VERSION = "1.6.2-demo";

    private static final System.Logger LOG = System.getLogger(McpServer.class.getName());

    private final ToolCaller toolCaller;
    private final ArrayNode toolList;

    public McpServer(ToolCatalog catalog, ToolCaller toolCaller) {
        this.toolCaller = toolCaller;
        this.toolList = listing(catalog);
    }

    /** name, description, inputSchema and nothing else: the original has no titles or annotations. */
    private static ArrayNode listing(ToolCatalog catalog) {
        ArrayNode tools = Json.array();
        for (ToolDefinition tool : catalog.tools()) {
            ObjectNode entry = tools.addObject();
            entry.put("name", tool.name());
            entry.put("description", tool.description());
            entry.set("inputSchema", tool.inputSchema());
        }
        return tools;
    }

    /** Parses and handles one raw message, turning every failure into a JSON-RPC error response. */
    public Optional<ObjectNode> handle(String text) {
        try {
            return handle(JsonRpcMessage.parse(text));
        } catch (McpError error) {
            return Optional.of(JsonRpc.error(error));
        }
    }

    /** A response for requests; nothing for notifications and responses. */
    public Optional<ObjectNode> handle(JsonRpcMessage message) {
        if (!message.isRequest()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonRpc.result(message.id(), dispatch(message.method(), message.params())));
        } catch (McpError error) {
            return Optional.of(JsonRpc.error(error.withId(message.id())));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Unexpected failure handling " + message.method(), e);
            return Optional.of(JsonRpc.error(new McpError(McpError.INTERNAL_ERROR,
                    "Internal error: " + e.getClass().getSimpleName(), message.id())));
        }
    }

    private JsonNode dispatch(String method, JsonNode params) {
        return switch (method) {
            case "initialize" -> initialize(params);
            case "ping" -> Json.object();
            case "tools/list" -> toolsList();
            case "tools/call" -> toolCaller.call(params);
            default -> throw new McpError(McpError.METHOD_NOT_FOUND, "Method not found: " + method);
        };
    }

    private static JsonNode initialize(JsonNode params) {
        JsonNode requested = params.get("protocolVersion");
        if (requested == null || !requested.isTextual()) {
            throw new McpError(McpError.INVALID_PARAMS, "Invalid params: \"protocolVersion\" must be a string");
        }
        ObjectNode result = Json.object();
        result.put("protocolVersion", ProtocolVersions.negotiate(requested.asText()));
        result.putObject("capabilities").putObject("tools");
        ObjectNode serverInfo = result.putObject("serverInfo");
        serverInfo.put("name", NAME);
        serverInfo.put("version", VERSION);
        return result;
    }

    private JsonNode toolsList() {
        ObjectNode result = Json.object();
        result.set("tools", toolList);
        return result;
    }
}
