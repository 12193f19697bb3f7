package dev.mcpgateway.demo.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.demo.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Rows of one resource kind, keyed by a numeric id in insertion order. Rows are JSON objects because
 * they are handed back as API responses, the way SmartLead returns its records.
 */
public final class EntityTable {

    private final String kind;
    private final Map<Long, ObjectNode> rows = new LinkedHashMap<>();
    private long nextId;

    /** Each kind starts at its own base so ids of different kinds are never confused in a demo. */
    public EntityTable(String kind, long firstId) {
        this.kind = kind;
        this.nextId = firstId;
    }

    public ObjectNode insert(Consumer<ObjectNode> fill) {
        ObjectNode row = Json.object();
        long id = nextId++;
        row.put("id", id);
        fill.accept(row);
        rows.put(id, row);
        return row;
    }

    public Optional<ObjectNode> find(long id) {
        return Optional.ofNullable(rows.get(id));
    }

    public ObjectNode require(long id) {
        return find(id).orElseThrow(() -> ApiFailure.notFound(kind, id));
    }

    public ObjectNode remove(long id) {
        ObjectNode row = require(id);
        rows.remove(id);
        return row;
    }

    public List<ObjectNode> all() {
        return new ArrayList<>(rows.values());
    }

    public int size() {
        return rows.size();
    }
}
