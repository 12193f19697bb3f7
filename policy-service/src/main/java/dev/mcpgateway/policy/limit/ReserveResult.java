package dev.mcpgateway.policy.limit;

/**
 * @param granted   every charge was applied; otherwise none was
 * @param refused   index of the first charge that did not fit (-1 when granted)
 * @param remaining granted: the smallest quota left after this call; refused: what is left in the
 *                  refused counter
 * @param used      refused: what the refused counter already holds
 */
public record ReserveResult(boolean granted, int refused, long remaining, long used) {
}
