package dev.mcpgateway.policy.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A call to explain. {@code risk}/{@code category}, when given, stand in for the catalog's facts
 * (to try a risk rule before the catalog knows the tool).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ExplainRequest(@JsonProperty("grant_id") String grantId, @JsonProperty("session_id") String sessionId,
                             String server, String tool, JsonNode arguments, String risk, String category) {
}
