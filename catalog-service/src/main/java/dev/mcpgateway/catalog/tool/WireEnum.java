package dev.mcpgateway.catalog.tool;

import dev.mcpgateway.support.problem.ApiProblem;
import jakarta.persistence.AttributeConverter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum that travels as its lower-case name (JSON, query parameters, database columns). */
public interface WireEnum {

    String wire();

    /**
     * Parses {@code value} (case-insensitive) or fails with a 400 naming {@code field} and the allowed values,
     * so a typo in a filter or an override never silently matches nothing.
     */
    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest("'" + field + "' must not be empty; allowed values: " + allowed(type));
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.wire().equals(wanted)) {
                return e;
            }
        }
        throw ApiProblem.badRequest("Unknown " + field + " '" + value + "'; allowed values: " + allowed(type));
    }

    static <E extends Enum<E> & WireEnum> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).collect(Collectors.joining(", "));
    }

    /** Base of the JPA converters: the column holds {@link #wire()}. */
    abstract class Column<E extends Enum<E> & WireEnum> implements AttributeConverter<E, String> {
        private final Class<E> type;

        protected Column(Class<E> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(E attribute) {
            return attribute == null ? null : attribute.wire();
        }

        @Override
        public E convertToEntityAttribute(String dbData) {
            return dbData == null ? null : Enum.valueOf(type, dbData.toUpperCase(Locale.ROOT));
        }
    }
}
