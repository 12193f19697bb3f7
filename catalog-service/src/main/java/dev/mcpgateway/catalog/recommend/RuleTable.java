package dev.mcpgateway.catalog.recommend;

import static dev.mcpgateway.catalog.recommend.RecommendedRule.allow;
import static dev.mcpgateway.catalog.recommend.RecommendedRule.approval;
import static dev.mcpgateway.catalog.recommend.RecommendedRule.deny;
import static dev.mcpgateway.catalog.recommend.RecommendedRule.limited;

import dev.mcpgateway.catalog.tool.Category;
import dev.mcpgateway.catalog.tool.Risk;
import java.util.EnumMap;
import java.util.Map;

/**
 * The rule we recommend for a tool, by its catalog category and risk. Rows are categories, columns risks
 * (low, medium, high, critical):
 *
 * <pre>
 *               low            medium         high           critical
 * read          allow          120/hour       30/hour        deny
 * write         60/hour        60/hour        20/hour        deny
 * execute       10/minute      10/minute      10/minute      require_approval
 * destructive   require_approval (every risk)
 * financial     deny (every risk)
 * </pre>
 *
 * Every limit counts per grant. The principles: reading is allowed (bulk or sensitive reads are capped to bound
 * what one grant can pull out); writes are allowed but capped per hour; anything that acts on the world is capped
 * per minute to stop runaway loops (as the seed's example does for {@code smartlead_retrigger_failed_events});
 * what cannot be undone needs a person; what spends money, and any other critical tool, is denied until an
 * operator allows it explicitly. The numbers are starting points for a review, not tuned quotas.
 */
public final class RuleTable {

    private static final String CRITICAL_DENY = "critical risk; the starter policy denies it until an operator allows it explicitly";

    private static final Map<Category, Map<Risk, RecommendedRule>> TABLE = new EnumMap<>(Category.class);

    static {
        row(Category.READ,
                allow("reads data with little exposure"),
                limited(120, "hour", "bulk or personal data; the cap bounds what one grant can export"),
                limited(30, "hour", "sensitive data such as credentials; a tight cap bounds what one grant can read"),
                deny(CRITICAL_DENY));
        RecommendedRule write = limited(60, "hour", "changes records that can be changed back; the cap bounds the damage of a confused agent");
        row(Category.WRITE,
                write,
                write,
                limited(20, "hour", "changes that affect sending or many records; a tighter cap"),
                deny(CRITICAL_DENY));
        RecommendedRule execute = limited(10, "minute", "acts on the world (sends, retriggers, tests); a per-minute cap stops runaway loops");
        row(Category.EXECUTE,
                execute,
                execute,
                execute,
                approval("acts on the world at critical risk; a person approves each call"));
        RecommendedRule destructive = approval("deletes or resets what cannot be restored; a person approves each call");
        row(Category.DESTRUCTIVE, destructive, destructive, destructive, destructive);
        RecommendedRule financial = deny("spends money; denied unless explicitly allowed");
        row(Category.FINANCIAL, financial, financial, financial, financial);
    }

    private RuleTable() {
    }

    private static void row(Category category, RecommendedRule low, RecommendedRule medium, RecommendedRule high,
            RecommendedRule critical) {
        Map<Risk, RecommendedRule> cells = new EnumMap<>(Risk.class);
        cells.put(Risk.LOW, low);
        cells.put(Risk.MEDIUM, medium);
        cells.put(Risk.HIGH, high);
        cells.put(Risk.CRITICAL, critical);
        TABLE.put(category, cells);
    }

    public static RecommendedRule ruleFor(Category category, Risk risk) {
        return TABLE.get(category).get(risk);
    }
}
