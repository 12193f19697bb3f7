package dev.mcpgateway.policy.evaluate;

import dev.mcpgateway.policy.document.ToolRule;

/**
 * The outcome of evaluating one call against one policy, before counters.
 *
 * @param rule    JSON pointer of the deciding rule
 * @param reason  text for the agent; empty on allow
 * @param winner  the tool/risk rule that applied (null when the default decided); its limits, and
 *                the document's all_tools limits, still have to be charged on ALLOW
 * @param hidden  the tool is hidden: refuse it as unknown
 */
public record Evaluation(Verdict verdict, String rule, String reason, ToolRule winner, boolean hidden) {
}
