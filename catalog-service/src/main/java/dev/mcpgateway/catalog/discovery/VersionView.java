package dev.mcpgateway.catalog.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One stored definition of a tool. {@code changedPaths} (on the pending version only) lists the JSON pointers
 * where it differs from the accepted one.
 */
public record VersionView(String definitionHash, boolean accepted, boolean pending, Instant firstSeen, Instant lastSeen,
                          JsonNode definition, List<String> changedPaths) {
}
