package dev.mcpgateway.audit.event;

import dev.mcpgateway.support.problem.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Keyset position after the last row of a page: (timestamp, decision id), the list's sort key. Opaque to
 * clients (base64url) so its shape can change; stable while rows arrive because it names a position in
 * the order, not an offset.
 */
public record Cursor(Instant timestamp, String decisionId) {

    private static final char SEPARATOR = '|';

    public String encode() {
        String raw = timestamp + String.valueOf(SEPARATOR) + decisionId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int at = raw.indexOf(SEPARATOR);
            if (at <= 0 || at == raw.length() - 1) {
                throw invalid();
            }
            return new Cursor(Instant.parse(raw.substring(0, at)), raw.substring(at + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }

    private static ApiProblem invalid() {
        return ApiProblem.badRequest("cursor is not one this service issued; use nextCursor from a previous page");
    }
}
