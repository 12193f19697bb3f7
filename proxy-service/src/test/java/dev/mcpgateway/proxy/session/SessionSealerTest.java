package dev.mcpgateway.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpgateway.proxy.jsonrpc.Json;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SessionSealerTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final SessionSealer sealer = new SessionSealer(KEY);

    private static ProxySession session(String id) {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        return new ProxySession(id, null, "smartlead", "g-1", "demo", "up-1", "2025-11-25", Json.object(), now,
                now.plusSeconds(3600));
    }

    @Test
    void theClientHeldIdStartsWithTheShortSessionKeyTheAuditLogUses() {
        String token = sealer.seal(session("abc123"));
        assertTrue(token.startsWith("abc123."), token);
        ProxySession back = sealer.unseal(token).orElseThrow();
        assertEquals("abc123", back.id());
        assertEquals("up-1", back.upstreamSessionId());
        assertEquals(token, back.token());
    }

    @Test
    void theShortKeyCannotBeSwappedForAnotherSessions() {
        String token = sealer.seal(session("abc123"));
        String swapped = "zzz999" + token.substring(token.indexOf('.'));
        assertTrue(sealer.unseal(swapped).isEmpty());
    }

    @Test
    void alteredTruncatedOrForeignIdsAreNoSession() {
        String token = sealer.seal(session("abc123"));
        char last = token.charAt(token.length() - 1);
        assertTrue(sealer.unseal(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A')).isEmpty());
        assertTrue(sealer.unseal(token.substring(0, token.length() / 2)).isEmpty());
        assertTrue(sealer.unseal("no-dot-at-all").isEmpty());
        assertTrue(sealer.unseal(".onlyblob").isEmpty());
        byte[] other = new byte[32];
        other[0] = 1;
        assertTrue(new SessionSealer(Base64.getEncoder().encodeToString(other)).unseal(token).isEmpty());
    }
}
