package dev.mcpgateway.policy.evaluate;

/** What the catalog says about a tool; empty strings when it is unknown. */
public record ToolFacts(String risk, String category) {
    public static final ToolFacts UNKNOWN = new ToolFacts("", "");

    public ToolFacts {
        risk = risk == null ? "" : risk;
        category = category == null ? "" : category;
    }
}
