package dev.mcpgateway.conformance.tools;

import io.quarkiverse.mcp.server.McpLog;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolResponse;

/**
 * The tool the {@code server-sse-polling} scenario (SEP-1699) calls. The reference fixture closes the POST's SSE
 * stream before answering, so the client must resume with Last-Event-ID. The Quarkiverse extension gives a tool no
 * handle on its response stream (nor sends SEP-1699 priming events or a retry field), so this one can only make the
 * answer come as an SSE stream, by logging first, and answer on that stream: the scenario then checks the stream and
 * reports the missing priming event and retry field as warnings, not failures. Answered as plain JSON, the scenario
 * would check nothing at all.
 */
public class ReconnectionTool {

    @Tool(name = "test_reconnection", description = "Answers a tools/call on an SSE stream for the SSE polling scenario (SEP-1699)")
    ToolResponse reconnection(McpLog log) {
        // A notification during the call is what turns the extension's JSON answer into an SSE stream.
        log.info("Reconnection test started");
        return ToolResponse.success("Reconnection test completed");
    }
}
