package dev.mcpgateway.policy.api;

import static dev.mcpgateway.testsupport.Operators.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The operator REST API, health and metrics over real HTTP. */
@QuarkusTest
class PolicyResourceIT {

    @Test
    void listsAndReadsLoadedPolicies() {
        given().get("/api/policies").then().statusCode(200)
                .body("id", hasItem("smartlead-example"));
        given().get("/api/policies/smartlead-example").then().statusCode(200)
                .body("version", equalTo(1))
                .body("document.default", equalTo("deny"));
        given().get("/api/policies/nope").then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Not Found"))
                .body("detail", containsString("nope"));
    }

    @Test
    void validateAcceptsAGoodDocumentInJsonOrYaml() {
        given().contentType("application/json").body("{\"version\":\"5\",\"default\":\"allow\"}")
                .post("/api/policies/validate").then().statusCode(200)
                .body("valid", equalTo(true)).body("version", equalTo(5));
        given().contentType("application/yaml")
                .body("version: 2\ndefault: deny\nhide: [\"*_admin_*\"]\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/policies/validate").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void validateListsEveryErrorAsProblemJson() {
        given().contentType("application/json").body("""
                {"version":"1","default":"deny","extra":true,"tools":{"t":{"require":[{"path":"args.a","op":"matches","value":"x"}],
                 "limits":[{"counter":"c","window":"week","max":0}]}}}""")
                .post("/api/policies/validate").then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors", hasSize(4))
                .body("errors.pointer", hasItem("/extra"))
                .body("errors.pointer", hasItem("/tools/t/require/0/op"))
                .body("errors.pointer", hasItem("/tools/t/limits/0/window"))
                .body("errors.pointer", hasItem("/tools/t/limits/0/max"));
        given().contentType("application/json").body("{not json")
                .post("/api/policies/validate").then().statusCode(422)
                .body("errors[0].message", startsWith("not valid JSON"));
    }

    @Test
    void explainShowsTheDecisionAndEveryRuleWithoutTouchingCounters() {
        String call = "{\"grant_id\":\"explain-grant\",\"tool\":\"smartlead_retrigger_failed_events\",\"arguments\":{\"campaign_id\":1}}";
        for (int i = 0; i < 3; i++) {
            given().contentType("application/json").body(call)
                    .post("/api/policies/smartlead-example/explain").then().statusCode(200)
                    .body("decision", equalTo("ALLOW"))
                    .body("rule", equalTo("/tools/smartlead_retrigger_failed_events"))
                    .body("policy_version", equalTo(1))
                    .body("limits[0].used", equalTo(0))
                    .body("limits[0].remaining", equalTo(9))
                    .body("considered.rule", hasItem("/default"))
                    .body("considered.rule", hasItem("/tools/smartlead_retrigger_failed_events/limits/0"));
        }
        given().contentType("application/json").body("{\"tool\":\"smartlead_delete_campaign\"}")
                .post("/api/policies/smartlead-example/explain").then().statusCode(200)
                .body("decision", equalTo("DENY"))
                .body("rule", equalTo("/default"))
                .body("reason", containsString("(default: deny)"));
    }

    @Test
    void explainRejectsBadCallsAsProblemJson() {
        given().contentType("application/json").body("{\"arguments\":{}}")
                .post("/api/policies/smartlead-example/explain").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("tool"));
        given().contentType("application/json").body("{\"tool\":\"x\",\"arguments\":[1]}")
                .post("/api/policies/smartlead-example/explain").then().statusCode(400);
        given().contentType("application/json").body("{\"tool\":\"x\",\"unknown\":1}")
                .post("/api/policies/smartlead-example/explain").then().statusCode(400);
    }

    @Test
    void healthAndMetricsAnswer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("policy_decisions_total"));
    }
}
