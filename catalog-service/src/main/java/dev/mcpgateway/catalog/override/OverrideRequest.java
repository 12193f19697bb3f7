package dev.mcpgateway.catalog.override;

/**
 * Body of {@code PATCH /api/tools/{server}/{name}}. Category and risk are strings so that an unknown value is
 * answered with the allowed values rather than a JSON mapping error; at least one must be given.
 */
public record OverrideRequest(String category, String risk, String note, String author) {
}
