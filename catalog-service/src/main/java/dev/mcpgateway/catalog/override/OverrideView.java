package dev.mcpgateway.catalog.override;

import dev.mcpgateway.catalog.tool.Category;
import dev.mcpgateway.catalog.tool.Risk;
import java.time.Instant;

/** One entry of a tool's override history. */
public record OverrideView(Category previousCategory, Risk previousRisk, Category category, Risk risk,
                           String note, String author, Instant at) {

    static OverrideView of(ToolOverride o) {
        return new OverrideView(o.previousCategory, o.previousRisk, o.category, o.risk, o.note, o.author, o.createdAt);
    }
}
