package dev.mcpgateway.policy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mcpgateway.policy.document.ValidationError;
import java.util.List;

/** RFC 9457 problem details; {@code errors} lists every problem of an invalid policy document. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<ValidationError> errors) {
}
