package dev.mcpgateway.catalog.tool;

import java.util.List;

/** One page of a listing; {@code total} counts every match, not just this page. */
public record ToolPage(List<ToolView> items, long total, int page, int size) {
}
