package dev.mcpgateway.policy.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mcpgateway.policy.cli.ScenarioRunner;
import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.document.PolicyParser;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The starter policy catalog-service recommends for SmartLead (issue 9): it loads in this service's
 * parser unchanged and passes its own scenarios.
 */
class StarterPolicyTest {

    private static JsonNode read(ObjectMapper mapper, String resource) throws Exception {
        try (InputStream in = StarterPolicyTest.class.getClassLoader().getResourceAsStream(resource)) {
            return mapper.readTree(in);
        }
    }

    @Test
    void theSmartLeadStarterPolicyLoadsAndPassesItsScenarios() throws Exception {
        JsonNode starter = read(new ObjectMapper(), "catalog/smartlead-starter-policy.json");
        PolicyDocument policy = PolicyParser.compile("smartlead-starter", starter);
        assertEquals(116, starter.get("tools").size(), "one rule per SmartLead tool");

        JsonNode file = read(new ObjectMapper(new YAMLFactory()), "starter-scenarios/smartlead-starter.yaml");
        List<ScenarioRunner.Result> results = ScenarioRunner.run(policy, file, "smartlead-starter.yaml");
        assertEquals(7, results.size());
        for (ScenarioRunner.Result r : results) {
            assertTrue(r.passed(), () -> r.name() + ": " + String.join("; ", r.failures()));
        }
    }
}
