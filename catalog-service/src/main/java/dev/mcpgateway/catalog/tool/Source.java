package dev.mcpgateway.catalog.tool;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Where a tool's current classification came from. Written lower-case on the wire and in the database. */
public enum Source implements WireEnum {
    SEED,
    DISCOVERED,
    OVERRIDE;

    @Override
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Lenient only about case; anything else is a 400 that lists the allowed values. */
    public static Source fromWire(String value) {
        return WireEnum.parse(Source.class, "source", value);
    }

    /** Stores the wire form, so the column's CHECK constraint and ad-hoc SQL read naturally. */
    @Converter(autoApply = true)
    public static class Column extends WireEnum.Column<Source> {
        public Column() {
            super(Source.class);
        }
    }
}
