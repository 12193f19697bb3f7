package dev.mcpgateway.policy.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GrantRegistryTest {
    @Test
    void resolvesByTokenHashAndKeepsNoToken() {
        GrantRegistry r = new GrantRegistry();
        Grant g = new Grant("demo", "demo", "smartlead", "p", TokenHash.of("s3cret"));
        r.put(g);
        assertEquals("demo", r.byToken("s3cret").orElseThrow().id());
        assertTrue(r.byToken("s3cret ").isEmpty());
        assertTrue(r.byToken("").isEmpty());
        assertTrue(r.byToken(null).isEmpty());
        assertEquals(64, TokenHash.hex(g.tokenHash()).length(), "SHA-256");
        // Replacing a grant (new token) retires the old token.
        r.put(new Grant("demo", "demo", "smartlead", "p", TokenHash.of("rotated")));
        assertTrue(r.byToken("s3cret").isEmpty());
        assertEquals("demo", r.byToken("rotated").orElseThrow().id());
    }
}
