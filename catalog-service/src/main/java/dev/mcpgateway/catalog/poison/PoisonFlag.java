package dev.mcpgateway.catalog.poison;

/**
 * One finding on a tool definition.
 *
 * @param code    stable machine name (see {@link PoisonDetector})
 * @param field   where: {@code description}, {@code title}, or a path into a schema such as {@code inputSchema.properties.to.description}
 * @param reason  one sentence for the operator
 * @param excerpt the matched text with invisible characters spelled as {@code \\uXXXX}, at most 120 characters
 */
public record PoisonFlag(String code, String field, String reason, String excerpt) {

    public static final String INVISIBLE_CHARACTERS = "invisible_characters";
    public static final String HIDDEN_TAG = "hidden_tag";
    public static final String MODEL_INSTRUCTION = "model_instruction";
    public static final String FILE_ACCESS = "file_access";
    public static final String EXFILTRATION = "exfiltration";
    public static final String TRUNCATED = "truncated";
}
