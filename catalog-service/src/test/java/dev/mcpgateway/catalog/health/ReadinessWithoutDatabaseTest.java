package dev.mcpgateway.catalog.health;

import static dev.mcpgateway.testsupport.Operators.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the database unreachable the service stays alive but is not ready. Needs no PostgreSQL. */
@QuarkusTest
@TestProfile(ReadinessWithoutDatabaseTest.DeadDatabase.class)
class ReadinessWithoutDatabaseTest {

    public static class DeadDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 1 on loopback: nothing listens there, connections are refused at once.
            return Map.of(
                    "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:1/mcp_catalog_test",
                    "quarkus.flyway.migrate-at-start", "false",
                    "catalog.seed.enabled", "false");
        }
    }

    @Test
    void readyIsDownLiveIsUp() {
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void apiAnswersProblemJsonNotAStackTrace() {
        given().when().get("/api/tools").then().statusCode(503).contentType("application/problem+json")
                .body("status", equalTo(503));
    }
}
