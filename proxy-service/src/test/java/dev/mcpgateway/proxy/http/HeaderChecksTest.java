package dev.mcpgateway.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mcpgateway.proxy.testing.TestConfig;
import org.junit.jupiter.api.Test;

class HeaderChecksTest {

    private final HeaderChecks checks = new HeaderChecks(TestConfig.defaults());

    @Test
    void hostAndOriginMustBeLocalByDefault() {
        assertNull(checks.hostAndOrigin("localhost:8080", null));
        assertNull(checks.hostAndOrigin("127.0.0.1", "http://localhost:3000"));
        assertNull(checks.hostAndOrigin("[::1]:8080", null));
        assertEquals(403, checks.hostAndOrigin("evil.example", null).httpStatus());
        assertEquals(403, checks.hostAndOrigin("localhost", "http://evil.example").httpStatus());
        assertEquals(403, checks.hostAndOrigin("localhost", "null").httpStatus());
    }

    @Test
    void contentTypeMustBeJson() {
        assertNull(checks.contentType("application/json; charset=utf-8"));
        assertEquals(415, checks.contentType("text/plain").httpStatus());
        assertEquals(415, checks.contentType(null).httpStatus());
    }

    @Test
    void acceptMustAllowJsonAndEventStream() {
        assertNull(checks.acceptForPost("application/json, text/event-stream"));
        assertNull(checks.acceptForPost("*/*"));
        assertNull(checks.acceptForPost(null));
        assertEquals(406, checks.acceptForPost("application/json").httpStatus());
        assertNull(checks.acceptForStream("text/event-stream"));
        assertEquals(406, checks.acceptForStream("application/json").httpStatus());
    }

    @Test
    void protocolVersionMustBeServedOrNegotiated() {
        assertNull(checks.protocolVersion(null, "2025-11-25"));
        assertNull(checks.protocolVersion("2025-06-18", "2025-11-25"));
        assertNull(checks.protocolVersion("2024-11-05", "2024-11-05"));
        assertNotNull(checks.protocolVersion("2099-01-01", "2025-11-25"));
        assertEquals(400, checks.protocolVersion("2099-01-01", null).httpStatus());
    }
}
