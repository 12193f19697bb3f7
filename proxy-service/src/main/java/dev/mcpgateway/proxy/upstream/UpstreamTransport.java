package dev.mcpgateway.proxy.upstream;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.function.Consumer;

/**
 * One upstream MCP server, whatever carries its messages (Streamable HTTP now; stdio and legacy SSE
 * are the same contract). Every failure is an {@link UpstreamException}.
 */
public interface UpstreamTransport {

    /** The server name, as in {@code /mcp/{server}}. */
    String name();

    /**
     * Sends one message. Messages the upstream sends before the response (progress, logging, its own
     * requests) go to {@code interim} as they arrive; the Uni completes with the response.
     */
    Uni<UpstreamReply> send(UpstreamCall call, Consumer<UpstreamMessage> interim);

    /**
     * Opens the server-to-client stream of a session (HTTP GET). Completes with {@code null} when the
     * upstream offers none (HTTP 405).
     */
    Uni<Multi<SseParser.SseEvent>> openEventStream(String sessionId, String protocolVersion, String lastEventId);

    /** Ends an upstream session, best effort (HTTP DELETE). */
    Uni<Void> terminate(String sessionId, String protocolVersion);

    /**
     * The real server and tool a tool name of this endpoint stands for, as policy and audit must name
     * them; {@code null} when the name cannot be routed. A plain upstream is its own server.
     */
    default Route route(String toolName) {
        return new Route(name(), toolName);
    }

    /** A tool of a real upstream server. */
    record Route(String server, String name) {
    }
}
