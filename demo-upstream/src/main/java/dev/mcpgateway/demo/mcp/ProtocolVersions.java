package dev.mcpgateway.demo.mcp;

import java.util.List;

/** MCP revisions this server speaks, newest first. */
public final class ProtocolVersions {

    public static final List<String> SUPPORTED = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    public static final String LATEST = SUPPORTED.get(0);

    private ProtocolVersions() {
    }

    public static boolean supported(String version) {
        return SUPPORTED.contains(version);
    }

    /** Echo the client's version if we speak it, else offer our latest (the client then decides). */
    public static String negotiate(String requested) {
        return supported(requested) ? requested : LATEST;
    }
}
