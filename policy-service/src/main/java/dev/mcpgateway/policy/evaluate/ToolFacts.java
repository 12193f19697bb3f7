package dev.mcpgateway.policy.evaluate;

/**
 * What the catalog says about a tool; empty strings when it is unknown.
 *
 * @param changed the catalog saw a definition of the tool that differs from the accepted one, and no operator has
 *                accepted it yet (catalog status {@code changed}): a possible rug pull
 */
public record ToolFacts(String risk, String category, boolean changed) {
    public static final ToolFacts UNKNOWN = new ToolFacts("", "", false);

    public ToolFacts {
        risk = risk == null ? "" : risk;
        category = category == null ? "" : category;
    }

    /** Facts of a tool whose definition is the accepted one. */
    public ToolFacts(String risk, String category) {
        this(risk, category, false);
    }
}
