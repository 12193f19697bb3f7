package dev.mcpgateway.catalog.tool;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.Converter;
import java.util.Locale;

/** What a tool does to the world, from least to most consequential. Written lower-case on the wire and in the database. */
public enum Category implements WireEnum {
    READ,
    WRITE,
    EXECUTE,
    DESTRUCTIVE,
    FINANCIAL;

    @Override
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Lenient only about case; anything else is a 400 that lists the allowed values. */
    public static Category fromWire(String value) {
        return WireEnum.parse(Category.class, "category", value);
    }

    /** Stores the wire form, so the column's CHECK constraint and ad-hoc SQL read naturally. */
    @Converter(autoApply = true)
    public static class Column extends WireEnum.Column<Category> {
        public Column() {
            super(Category.class);
        }
    }
}
