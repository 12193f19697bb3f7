package dev.mcpgateway.proxy.upstream;

/**
 * The end of one upstream exchange.
 *
 * @param response  the response to the request ({@code null} when a notification or response was accepted)
 * @param sessionId the upstream's {@code Mcp-Session-Id} header, if it sent one
 * @param latencyMs time from sending to the response
 */
public record UpstreamReply(UpstreamMessage response, String sessionId, long latencyMs) {
}
