package dev.mcpgateway.policy.document;

/** One problem in a policy document: where (JSON pointer) and what, in plain words. */
public record ValidationError(String pointer, String message) {
}
