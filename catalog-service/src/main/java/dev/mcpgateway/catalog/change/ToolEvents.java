package dev.mcpgateway.catalog.change;

import dev.mcpgateway.catalog.tool.Tool;
import dev.mcpgateway.contracts.catalog.ToolChangeEventV1;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The {@link ToolChangeEventV1} of each kind of catalog write, carrying the tool's category, risk and status after it. */
public final class ToolEvents {

    private ToolEvents() {
    }

    /** A definition differing from the accepted one; {@code tool} still holds the accepted hash, {@code newHash} waits. */
    public static ToolChangeEventV1 changed(Tool tool, String newHash, Instant at, List<String> paths, boolean truncated,
                                            boolean flagged) {
        return event(ToolChangeEventV1.TYPE_CHANGED, tool, tool.definitionHash, newHash, at,
                paths.subList(0, Math.min(paths.size(), ToolChangeEventV1.MAX_PATHS)), truncated, flagged);
    }

    public static ToolChangeEventV1 discovered(Tool tool, Instant at, boolean flagged) {
        return event(ToolChangeEventV1.TYPE_DISCOVERED, tool, null, tool.definitionHash, at, List.of(), false, flagged);
    }

    public static ToolChangeEventV1 overridden(Tool tool, Instant at) {
        return event(ToolChangeEventV1.TYPE_OVERRIDE, tool, null, null, at, List.of(), false, false);
    }

    /** {@code previousHash}: the definition the accepted one replaced. */
    public static ToolChangeEventV1 accepted(Tool tool, String previousHash, Instant at) {
        return event(ToolChangeEventV1.TYPE_ACCEPTED, tool, previousHash, tool.definitionHash, at, List.of(), false, false);
    }

    /** Removed from its server's tools/list, back in it, or its upstream reverted to the accepted definition. */
    public static ToolChangeEventV1 status(Tool tool, Instant at) {
        return event(ToolChangeEventV1.TYPE_STATUS, tool, null, null, at, List.of(), false, false);
    }

    private static ToolChangeEventV1 event(String type, Tool tool, String previousHash, String newHash, Instant at,
                                           List<String> paths, boolean truncated, boolean flagged) {
        return new ToolChangeEventV1(ToolChangeEventV1.VERSION, UUID.randomUUID().toString(), type, tool.server, tool.name,
                previousHash, newHash, at, paths, truncated, flagged, tool.category.wire(), tool.risk.wire(), tool.status.wire());
    }
}
