package dev.mcpgateway.demo.transport.stdio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;
import dev.mcpgateway.demo.mcp.JsonRpc;
import dev.mcpgateway.demo.mcp.JsonRpcMessage;
import dev.mcpgateway.demo.mcp.McpError;
import dev.mcpgateway.demo.mcp.McpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * MCP over stdio: one JSON-RPC message per line in, one per line out. Like the original it also
 * writes human-readable lines to stdout (a banner at start, a "✅" line once initialized), which a
 * robust client must skip.
 */
public final class StdioServer {

    public static final String BANNER = "SmartLead MCP Server running on stdio (demo stand-in, in-memory account)";
    public static final String CONNECTED = "✅ SmartLead API connection successful";

    private final McpServer server;
    private final BufferedReader in;
    private final PrintStream out;
    private boolean announcedConnection;

    public StdioServer(McpServer server, BufferedReader in, PrintStream out) {
        this.server = server;
        this.in = in;
        this.out = out;
    }

    /** Serves until stdin closes. */
    public void run() throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.isBlank()) {
                handle(line);
            }
        }
    }

    private void handle(String line) {
        JsonRpcMessage message;
        try {
            message = JsonRpcMessage.parse(line);
        } catch (McpError error) {
            write(JsonRpc.error(error));
            return;
        }
        Optional<ObjectNode> response = server.handle(message);
        response.ifPresent(this::write);
        // The original's API check finishes after the initialize reply and logs to stdout.
        if (!announcedConnection && "initialize".equals(message.method())
                && response.map(r -> r.has("result")).orElse(false)) {
            announcedConnection = true;
            out.println(CONNECTED);
            out.flush();
        }
    }

    private void write(ObjectNode response) {
        out.println(Json.compact(response));
        out.flush();
    }
}
