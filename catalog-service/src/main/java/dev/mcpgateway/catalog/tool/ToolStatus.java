package dev.mcpgateway.catalog.tool;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Lifecycle of a tool record: changed means the upstream now reports a definition nobody accepted yet. Written lower-case on the wire and in the database. */
public enum ToolStatus implements WireEnum {
    ACTIVE,
    CHANGED,
    REMOVED;

    @Override
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Lenient only about case; anything else is a 400 that lists the allowed values. */
    public static ToolStatus fromWire(String value) {
        return WireEnum.parse(ToolStatus.class, "status", value);
    }

    /** Stores the wire form, so the column's CHECK constraint and ad-hoc SQL read naturally. */
    @Converter(autoApply = true)
    public static class Column extends WireEnum.Column<ToolStatus> {
        public Column() {
            super(ToolStatus.class);
        }
    }
}
