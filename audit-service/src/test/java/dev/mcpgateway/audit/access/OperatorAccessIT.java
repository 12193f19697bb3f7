package dev.mcpgateway.audit.access;

import static dev.mcpgateway.testsupport.Operators.anonymous;
import static dev.mcpgateway.testsupport.Operators.as;
import static org.hamcrest.Matchers.containsString;

import dev.mcpgateway.audit.it.KafkaTopics;
import dev.mcpgateway.testsupport.Operators;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Operator access control on audit-service's queries (issue 8 item 7): every role reads the audit log, nothing
 * without a credential, never with an agent grant token or the internal service credential; JWTs are verified.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopics.class)
class OperatorAccessIT {
    static final String[] PATHS = {"/api/audit/events", "/api/audit/stats?by=decision", "/api/audit/export?format=csv"};

    @Test
    void withoutACredentialOrWithAGrantTokenEveryQueryIs401() {
        for (String path : PATHS) {
            anonymous().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer").body("detail", containsString("operator token"));
            as("mcpg_someAgentGrantToken").get(path).then().statusCode(401)
                    .body("detail", containsString("Agent grant tokens never open operator APIs"));
        }
        anonymous().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void everyOperatorRoleReadsTheAuditLogButTheServiceRoleDoesNot() {
        for (String token : new String[] {Operators.VIEWER, Operators.APPROVER, Operators.POLICY_MANAGER, Operators.ADMIN}) {
            for (String path : PATHS) {
                as(token).get(path).then().statusCode(200);
            }
        }
        as(Operators.SERVICE).get("/api/audit/events").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("needs the role `viewer`"));
    }

    @Test
    void jwtsAreVerified() {
        as(Operators.jwt("viewer")).get("/api/audit/events").then().statusCode(200);
        as(Operators.jwt("offline_access")).get("/api/audit/events").then().statusCode(403);
        as(Operators.jwtWithForeignKey("viewer")).get("/api/audit/events").then().statusCode(401)
                .body("detail", containsString("The JWT was rejected"));
        as(Operators.jwtFromOtherIssuer("viewer")).get("/api/audit/events").then().statusCode(401);
    }
}
