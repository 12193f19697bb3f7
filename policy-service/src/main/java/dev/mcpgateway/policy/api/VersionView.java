package dev.mcpgateway.policy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.policy.store.PolicyVersion;
import java.io.UncheckedIOException;
import java.time.Instant;

/** A stored policy version as the REST API shows it; {@code document} is left out of lists. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionView(String id, long version, String mode, @JsonProperty("created_at") Instant createdAt,
                          @JsonProperty("created_by") String createdBy, String comment, JsonNode document) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static VersionView of(PolicyVersion v, boolean withDocument) {
        JsonNode doc;
        try {
            doc = JSON.readTree(v.document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode mode = doc.get("mode");
        return new VersionView(v.policyId, v.version, mode != null && mode.isTextual() ? mode.textValue() : "enforce",
                v.createdAt, v.createdBy, v.comment, withDocument ? doc : null);
    }
}
