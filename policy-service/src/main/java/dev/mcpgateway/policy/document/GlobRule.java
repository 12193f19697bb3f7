package dev.mcpgateway.policy.document;

/** A tool rule whose key is a glob, with its position in the document for tie-breaking. */
public record GlobRule(Glob glob, ToolRule rule, int order) {
}
