package dev.mcpgateway.catalog.discovery;

/** Body of {@code POST /api/tools/{server}/{name}/accept}: who accepts the pending definition, and why. */
public record AcceptRequest(String author, String note) {
}
