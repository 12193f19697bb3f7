package dev.mcpgateway.policy.document;

import java.util.List;

/**
 * A rule for one tool key, glob, risk level or category.
 *
 * @param pointer where it sits, e.g. {@code /tools/smartlead_send_email}
 * @param action  never null: a rule without {@code action} allows
 * @param reason  shown to the agent on refusal; null for the generated text
 */
public record ToolRule(String pointer, String key, Action action, String reason,
                       List<Condition> require, List<Condition> denyIf, List<Limit> limits) {
}
