package dev.mcpgateway.catalog.tool;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.Converter;
import java.util.Locale;

/** How much harm one call can do, from least to most. Written lower-case on the wire and in the database. */
public enum Risk implements WireEnum {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    @Override
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Lenient only about case; anything else is a 400 that lists the allowed values. */
    public static Risk fromWire(String value) {
        return WireEnum.parse(Risk.class, "risk", value);
    }

    /** Stores the wire form, so the column's CHECK constraint and ad-hoc SQL read naturally. */
    @Converter(autoApply = true)
    public static class Column extends WireEnum.Column<Risk> {
        public Column() {
            super(Risk.class);
        }
    }
}
