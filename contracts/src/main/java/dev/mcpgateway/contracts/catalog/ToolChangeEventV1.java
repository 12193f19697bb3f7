package dev.mcpgateway.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * catalog-service saw a tool definition that differs from the accepted one (a possible rug pull): the record on
 * the Kafka topic {@value #TOPIC} (configurable: {@code catalog.changes.topic}), keyed {@code server/tool}. Its
 * JSON form is specified by {@code schemas/tool-change-event-v1.schema.json} in this module;
 * {@code ToolChangeEventV1SchemaTest} keeps the two in step.
 *
 * @param previousHash  the accepted definition's hash (what policy and agents relied on)
 * @param newHash       the changed definition's hash, waiting for an operator to accept it
 * @param changedPaths  JSON pointers into the definition where the two differ, at most {@value #MAX_PATHS}
 * @param changedPathsTruncated more paths differ than are listed
 * @param flagged       the new definition carries poisoning flags (instructions aimed at the model, hidden text, ...)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ToolChangeEventV1(
        int eventVersion,
        String eventId,
        String type,
        String server,
        String tool,
        String previousHash,
        String newHash,
        Instant detectedAt,
        List<String> changedPaths,
        boolean changedPathsTruncated,
        boolean flagged) {

    public static final int VERSION = 1;
    public static final String TOPIC = "mcp.catalog.changes";
    public static final String TYPE_CHANGED = "definition_changed";
    public static final int MAX_PATHS = 100;
    public static final String SCHEMA_RESOURCE = "schemas/tool-change-event-v1.schema.json";

    /** The record key: events of one tool stay in order on one partition. */
    public String key() {
        return server + "/" + tool;
    }
}
