package dev.mcpgateway.support.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorJwtConfigSourceTest {

    @Test
    void mapsTheOperatorVariablesOnlyWhenTheyAreSet() {
        OperatorJwtConfigSource set = new OperatorJwtConfigSource(Map.of(
                "OPERATOR_JWT_PUBLIC_KEY_LOCATION", "https://idp/jwks", "OPERATOR_JWT_ISSUER", " https://idp ")::get);
        assertEquals("https://idp/jwks", set.getValue("mp.jwt.verify.publickey.location"));
        assertEquals("https://idp", set.getValue("mp.jwt.verify.issuer"));
        assertEquals(Set.of("mp.jwt.verify.publickey.location", "mp.jwt.verify.issuer"), set.getPropertyNames());

        OperatorJwtConfigSource blank = new OperatorJwtConfigSource(Map.of("OPERATOR_JWT_ISSUER", "")::get);
        assertNull(blank.getValue("mp.jwt.verify.issuer"));
        assertNull(blank.getValue("mp.jwt.verify.publickey.location"));
        assertEquals(Set.of(), blank.getPropertyNames());
        assertNull(blank.getValue("quarkus.http.port"));
    }
}
