package dev.mcpgateway.catalog.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A tool as the REST API shows it. */
public record ToolView(
        String server,
        String name,
        String title,
        String description,
        Category category,
        Risk risk,
        Source source,
        ToolStatus status,
        JsonNode inputSchema,
        JsonNode outputSchema,
        JsonNode annotations,
        String definitionHash,
        String pendingDefinitionHash,
        Instant firstSeen,
        Instant lastSeen,
        String overrideNote,
        String overrideAuthor,
        String classificationReason,
        JsonNode flags) {

    public static ToolView of(Tool t) {
        return new ToolView(t.server, t.name, t.title, t.description, t.category, t.risk, t.source, t.status,
                t.inputSchema, t.outputSchema, t.annotations, t.definitionHash, t.pendingHash, t.firstSeen, t.lastSeen,
                t.overrideNote, t.overrideAuthor, t.classificationReason, t.flagItems());
    }
}
