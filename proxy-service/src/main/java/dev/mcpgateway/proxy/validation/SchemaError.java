package dev.mcpgateway.proxy.validation;

/**
 * One way the arguments miss the schema.
 *
 * @param pointer JSON pointer (RFC 6901) into the arguments; "" is the arguments object itself. For a missing
 *                required property or a property the schema does not allow, it points at that property.
 * @param keyword the schema keyword that failed (type, required, enum, pattern, additionalProperties, ...)
 * @param message what is wrong, in plain words
 */
public record SchemaError(String pointer, String keyword, String message) {

    /** {@code /limit: string found, integer expected}; the arguments object itself reads "(arguments)". */
    public String describe() {
        return (pointer.isEmpty() ? "(arguments)" : pointer) + ": " + message;
    }
}
