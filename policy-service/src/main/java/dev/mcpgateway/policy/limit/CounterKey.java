package dev.mcpgateway.policy.limit;

import dev.mcpgateway.policy.document.Scope;
import dev.mcpgateway.policy.document.Window;

/**
 * Identifies one counter. The policy id is part of the key (two policies never share a counter)
 * but the policy version is not: a new version of a document keeps its counters.
 *
 * @param scopeValue the grant id, session id, or "*" for global
 */
public record CounterKey(String policyId, String counter, Window window, Scope scope, String scopeValue) {
}
