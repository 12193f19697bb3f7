package dev.mcpgateway.support.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TokenFileTest {
    static String hash(String token) {
        return HexFormat.of().formatHex(TokenFile.sha256(token));
    }

    @Test
    void findsATokenByItsHashAndKnowsItsRole() {
        TokenFile file = TokenFile.parse("""
                # local stack
                admin  admin  %s

                carol approver %s   
                """.formatted(hash("mgw_op_a"), hash("mgw_op_c").toUpperCase()));
        assertEquals(2, file.size());
        assertEquals("admin", file.find("mgw_op_a").orElseThrow().name());
        assertEquals(OperatorRole.APPROVER, file.find("mgw_op_c").orElseThrow().role());
        assertTrue(file.find("mgw_op_x").isEmpty());
        assertTrue(file.find("").isEmpty());
    }

    @Test
    void refusesTheWholeFileOnABadLineAndSaysWhichLine() {
        String good = "ok viewer " + hash("t");
        assertEquals("line 2: unknown role `superuser` (roles: viewer, approver, policy_manager, service, admin)",
                assertThrows(IllegalArgumentException.class,
                        () -> TokenFile.parse(good + "\nbob superuser " + hash("u"))).getMessage());
        assertEquals("line 1: expected `name role sha256-hex`, found 2 fields",
                assertThrows(IllegalArgumentException.class, () -> TokenFile.parse("bob viewer")).getMessage());
        assertEquals("line 1: the hash must be 64 hex digits (sha256 of the token)",
                assertThrows(IllegalArgumentException.class, () -> TokenFile.parse("bob viewer mgw_op_plain")).getMessage());
        assertEquals("line 2: the name `ok` is used twice",
                assertThrows(IllegalArgumentException.class, () -> TokenFile.parse(good + "\n" + good)).getMessage());
    }
}
