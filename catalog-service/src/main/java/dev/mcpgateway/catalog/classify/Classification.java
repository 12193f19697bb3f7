package dev.mcpgateway.catalog.classify;

import dev.mcpgateway.catalog.tool.Category;
import dev.mcpgateway.catalog.tool.Risk;
import java.util.List;

/** The classifier's verdict and the signals behind it, in the order they were applied. */
public record Classification(Category category, Risk risk, List<String> signals) {

    /** One line for {@code classification_reason}: "auto: signal; signal; ...". */
    public String reason() {
        return "auto: " + String.join("; ", signals);
    }
}
