package dev.mcpgateway.audit.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcpgateway.support.problem.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void roundTripsAndIsOpaqueUrlSafe() {
        Cursor c = new Cursor(Instant.parse("2026-03-01T10:15:30.123456Z"), "d-1|with-bar");
        String token = c.encode();
        assertFalse(token.contains("|") || token.contains("=") || token.contains("+") || token.contains("/"), token);
        assertEquals(c, Cursor.decode(token));
    }

    @Test
    void refusesTokensItDidNotIssue() {
        String noSeparator = Base64.getUrlEncoder().encodeToString("2026-03-01T10:15:30Z".getBytes(StandardCharsets.UTF_8));
        String badTime = Base64.getUrlEncoder().encodeToString("soon|d-1".getBytes(StandardCharsets.UTF_8));
        String noId = Base64.getUrlEncoder().encodeToString("2026-03-01T10:15:30Z|".getBytes(StandardCharsets.UTF_8));
        for (String token : new String[] {"%%%", noSeparator, badTime, noId}) {
            ApiProblem p = assertThrows(ApiProblem.class, () -> Cursor.decode(token), token);
            assertEquals(400, p.status());
        }
    }
}
