package dev.mcpgateway.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * catalog-service changed what it knows of a tool (see {@code type}): the record on the Kafka topic {@value #TOPIC}
 * (configurable: {@code catalog.changes.topic}), keyed {@code server/tool}. Its JSON form is specified by
 * {@code schemas/tool-change-event-v1.schema.json} in this module; {@code ToolChangeEventV1SchemaTest} keeps the two
 * in step. Types and optional fields are added without a new version: consumers ignore types they do not know.
 *
 * @param type          one of the {@code TYPE_*} constants
 * @param previousHash  the accepted definition's hash before the event ({@code definition_changed},
 *                      {@code definition_accepted}); else null (absent from the JSON)
 * @param newHash       {@code definition_changed}: the changed definition's hash, waiting for an operator to accept
 *                      it; {@code tool_discovered}, {@code definition_accepted}: the accepted definition's; else null
 * @param changedPaths  JSON pointers into the definition where the two differ, at most {@value #MAX_PATHS}; empty
 *                      for types other than {@code definition_changed}
 * @param changedPathsTruncated more paths differ than are listed
 * @param flagged       the new or discovered definition carries poisoning flags (instructions aimed at the model, ...)
 * @param category      the tool's category after the event (null in events of producers that predate the field)
 * @param risk          the tool's risk after the event (likewise)
 * @param status        the tool's status after the event (likewise)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
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
        boolean flagged,
        String category,
        String risk,
        String status) {

    public static final int VERSION = 1;
    public static final String TOPIC = "mcp.catalog.changes";
    public static final String TYPE_CHANGED = "definition_changed";
    public static final String TYPE_DISCOVERED = "tool_discovered";
    public static final String TYPE_OVERRIDE = "override_applied";
    public static final String TYPE_ACCEPTED = "definition_accepted";
    public static final String TYPE_STATUS = "status_changed";
    public static final int MAX_PATHS = 100;
    public static final String SCHEMA_RESOURCE = "schemas/tool-change-event-v1.schema.json";

    public ToolChangeEventV1 {
        changedPaths = changedPaths == null ? List.of() : List.copyOf(changedPaths);
    }

    /** The record key: events of one tool stay in order on one partition. */
    public String key() {
        return server + "/" + tool;
    }
}
