package dev.mcpgateway.conformance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The dns-rebinding-protection scenario: a foreign Host or Origin gets a 4xx, localhost ones are served. */
@QuarkusTest
class DnsRebindingTest {

    static final Map<String, Object> INITIALIZE = Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", Map.of(
            "protocolVersion", McpTestClient.PROTOCOL_VERSION, "capabilities", Map.of(),
            "clientInfo", Map.of("name", "dns-rebinding-test", "version", "1.0.0")));

    @Test
    void rejectsAForeignHostAndOrigin() {
        given().contentType(ContentType.JSON).accept(McpTestClient.ACCEPT)
                .header("Host", "evil.example.com").header("Origin", "http://evil.example.com")
                .body(INITIALIZE).post("/mcp")
                .then().statusCode(allOf(greaterThanOrEqualTo(400), lessThan(500)));
    }

    @Test
    void rejectsAForeignOriginOnALocalHost() {
        given().contentType(ContentType.JSON).accept(McpTestClient.ACCEPT)
                .header("Origin", "http://evil.example.com")
                .body(INITIALIZE).post("/mcp")
                .then().statusCode(allOf(greaterThanOrEqualTo(400), lessThan(500)));
    }

    @Test
    void servesALocalhostOrigin() {
        given().contentType(ContentType.JSON).accept(McpTestClient.ACCEPT)
                .header("Origin", "http://localhost:1234")
                .body(INITIALIZE).post("/mcp")
                .then().statusCode(200);
    }
}
