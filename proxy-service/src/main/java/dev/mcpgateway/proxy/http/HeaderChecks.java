package dev.mcpgateway.proxy.http;

import dev.mcpgateway.proxy.ProxyConfig;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcErrors;
import dev.mcpgateway.proxy.jsonrpc.McpError;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The header rules of MCP Streamable HTTP, each returning the error to answer or {@code null}:
 * Host/Origin allow-list (DNS rebinding), Content-Type, Accept, MCP-Protocol-Version.
 */
public final class HeaderChecks {

    private final Set<String> allowedHosts;
    private final boolean anyHost;
    private final List<String> versions;

    public HeaderChecks(ProxyConfig config) {
        this.allowedHosts = config.security().allowedHosts().stream()
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.anyHost = allowedHosts.contains("*");
        this.versions = List.copyOf(config.protocolVersions());
    }

    /** Host must name an allowed host; Origin, when a browser sends one, too. */
    public McpError hostAndOrigin(String host, String origin) {
        if (anyHost) {
            return null;
        }
        if (host != null && !allowedHosts.contains(hostName(host))) {
            return JsonRpcErrors.hostNotAllowed("Host", host);
        }
        if (origin != null) {
            String originHost;
            try {
                originHost = "null".equals(origin) ? null : URI.create(origin).getHost();
            } catch (IllegalArgumentException e) {
                originHost = null;
            }
            if (originHost == null || !allowedHosts.contains(originHost.toLowerCase(Locale.ROOT))) {
                return JsonRpcErrors.hostNotAllowed("Origin", origin);
            }
        }
        return null;
    }

    public McpError contentType(String contentType) {
        if (contentType == null) {
            return JsonRpcErrors.unsupportedMediaType(null);
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return "application/json".equals(mediaType) ? null : JsonRpcErrors.unsupportedMediaType(contentType);
    }

    /** POST: the client must accept both JSON and SSE answers. A missing Accept accepts anything (RFC 9110). */
    public McpError acceptForPost(String accept) {
        if (accept == null) {
            return null;
        }
        if (accepts(accept, "application", "json") && accepts(accept, "text", "event-stream")) {
            return null;
        }
        return JsonRpcErrors.notAcceptable(accept, "both application/json and text/event-stream");
    }

    public McpError acceptForStream(String accept) {
        if (accept == null || accepts(accept, "text", "event-stream")) {
            return null;
        }
        return JsonRpcErrors.notAcceptable(accept, "text/event-stream");
    }

    /** A version the gateway serves, or the one this session negotiated. Absent is fine (2025-03-26 is assumed). */
    public McpError protocolVersion(String header, String sessionVersion) {
        if (header == null || versions.contains(header) || header.equals(sessionVersion)) {
            return null;
        }
        return JsonRpcErrors.unsupportedProtocolVersion(header, versions);
    }

    public boolean supports(String version) {
        return versions.contains(version);
    }

    private static boolean accepts(String accept, String type, String subtype) {
        for (String part : accept.split(",")) {
            String range = part.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (range.equals("*/*") || range.equals(type + "/*") || range.equals(type + "/" + subtype)) {
                return true;
            }
        }
        return false;
    }

    private static String hostName(String hostHeader) {
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
