package dev.mcpgateway.policy.intercept;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mcpgateway.policy.cli.ScenarioRunner;
import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.document.PolicyParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterceptImporterTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static String fixture(String name) throws IOException {
        try (InputStream in = InterceptImporterTest.class.getResourceAsStream("/intercept/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Imports, compiles with our parser and runs the fixture's scenarios through DecisionService. */
    private static ImportResult roundTrip(String fixture, String scenarios) throws IOException {
        ImportResult r = InterceptImporter.importYaml(fixture(fixture), "imported");
        PolicyDocument doc = PolicyParser.compile("imported", r.document());
        List<ScenarioRunner.Result> results = ScenarioRunner.run(doc, YAML.readTree(fixture(scenarios)), scenarios);
        assertFalse(results.isEmpty());
        for (ScenarioRunner.Result res : results) {
            assertTrue(res.passed(), res.name() + ": " + res.failures() + "\ndocument: " + r.document());
        }
        return r;
    }

    @Test
    void githubPolicyBehavesAsInIntercept() throws IOException {
        ImportResult r = roundTrip("github.yaml", "github.scenarios.yaml");
        JsonNode doc = r.document();
        assertEquals("allow", doc.get("default").asText());
        assertEquals("transfer_repository", doc.get("hide").get(0).asText());
        assertEquals(5, doc.at("/tools/create_issue/limits/0/max").asInt());
        assertEquals("hour", doc.at("/tools/create_issue/limits/0/window").asText());
        assertEquals(60, doc.at("/all_tools/limits/0/max").asInt());
        assertEquals("deny", doc.at("/tools/delete_repository/action").asText());
        // Only counters in the wildcard: no "*" rule needed, all_tools carries them.
        assertFalse(doc.get("tools").has("*"));
        assertTrue(r.of(ImportNote.Kind.DROPPED).isEmpty(), r.notes().toString());
        assertTrue(r.of(ImportNote.Kind.CHANGED).stream().anyMatch(n -> n.message().contains("Five new issues")),
                "on_deny of a rate limit is reported: " + r.notes());
        assertTrue(r.of(ImportNote.Kind.INFO).stream().anyMatch(n -> n.message().contains("per grant")));
    }

    @Test
    void paymentsPolicyKeepsSpendCapsAndAllowlist() throws IOException {
        ImportResult r = roundTrip("payments.yaml", "payments.scenarios.yaml");
        JsonNode doc = r.document();
        assertEquals("deny", doc.get("default").asText());
        assertEquals("args.amount", doc.at("/tools/create_charge/limits/0/increment_from").asText());
        assertEquals(100000, doc.at("/tools/create_charge/limits/0/max").asInt());
        assertEquals(2, doc.at("/tools/create_refund/limits/0/max").asInt(), "lt 3 = at most 2");
        assertTrue(doc.at("/tools/get_balance").isObject() && doc.at("/tools/get_balance").isEmpty());
        assertTrue(r.of(ImportNote.Kind.DROPPED).isEmpty(), r.notes().toString());
        // Three argument rules with different on_deny: one reason cannot hold them all.
        assertFalse(doc.at("/tools/create_charge").has("reason"));
        assertTrue(r.of(ImportNote.Kind.CHANGED).stream().anyMatch(n -> n.where().equals("tools.create_charge")
                && n.message().contains("on_deny messages")));
    }

    @Test
    void whatCannotCarryOverIsReportedAndTheRestStillWorks() throws IOException {
        ImportResult r = InterceptImporter.importYaml(fixture("lossy.yaml"), "lossy");
        List<ImportNote> dropped = r.of(ImportNote.Kind.DROPPED);
        assertEquals(2, dropped.size(), dropped.toString());
        assertTrue(dropped.stream().anyMatch(n -> n.where().equals("tools.send_email.rules[0].conditions[0]")
                && n.message().contains("gte")));
        assertTrue(dropped.stream().anyMatch(n -> n.where().equals("tools.send_email.rules[2].conditions[0]")
                && n.message().contains("contains")));
        assertTrue(r.of(ImportNote.Kind.CHANGED).stream().anyMatch(n -> n.message().contains("at most 5 calls")),
                "increment 2 with lte 10 = 5 calls: " + r.notes());
        JsonNode doc = r.document();
        assertEquals(5, doc.at("/tools/send_email/limits/0/max").asInt());
        // The wildcard's argument condition applies to the listed tool and, via "*", to unlisted ones.
        assertEquals("args.dry_run", doc.at("/tools/send_email/require/2/path").asText());
        assertEquals("args.dry_run", doc.at("/tools/*/require/0/path").asText());

        PolicyDocument compiled = PolicyParser.compile("lossy", doc);
        JsonNode scenarios = YAML.readTree("""
                scenarios:
                  - name: wildcard condition refuses an unlisted tool
                    when: {tool: other, arguments: {dry_run: false}}
                    then: {decision: DENY, rule: /tools/*/require/0}
                  - name: an unlisted tool passing the wildcard is allowed
                    when: {tool: other, arguments: {dry_run: true}}
                    then: {decision: ALLOW}
                  - name: mail to an admin is refused
                    when: {tool: send_email, arguments: {to: admin@example.com, subject: s}}
                    then: {decision: DENY, rule: /tools/send_email/require/0}
                  - name: the fifth mail is the last
                    counters: [{counter: send_email.sent, window: day, value: 4}]
                    when: {tool: send_email, arguments: {to: a@example.com, subject: s}}
                    then: {decision: ALLOW, limit_remaining: 0}
                """);
        for (ScenarioRunner.Result res : ScenarioRunner.run(compiled, scenarios, "inline")) {
            assertTrue(res.passed(), res.name() + ": " + res.failures());
        }
    }

    @Test
    void ourOwnDocumentIsNotImported() throws IOException {
        InterceptFormatException e = assertThrows(InterceptFormatException.class,
                () -> InterceptImporter.importYaml(fixture("gateway-document.json"), "x"));
        assertTrue(e.problems().get(0).contains("looks like an mcp-gateway policy document"), e.problems().toString());
    }

    @Test
    void invalidInterceptFileListsEveryProblemAndImportsNothing() throws IOException {
        InterceptFormatException e = assertThrows(InterceptFormatException.class,
                () -> InterceptImporter.importYaml(fixture("invalid.yaml"), "x"));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("version: must be \"1\""), all);
        assertTrue(all.contains("tools.create_issue.rules[0]: rule must have a name"), all);
        assertTrue(all.contains("rate_limit window must be \"minute\", \"hour\", or \"day\", got \"fortnight\""), all);
        assertTrue(all.contains("tools.create_issue.rules[1]: rate_limit cannot be used with action \"deny\""), all);
        assertTrue(all.contains("tools.create_issue.rules[2]: evaluate rules must have at least one condition"), all);
        assertTrue(all.contains("tools.create_issue.rules[3].conditions[0].op: unknown operator"), all);
        assertTrue(all.contains("condition references state.create_issue.nope but no matching state block found"), all);
    }

    @Test
    void yamlThatIsNotAPolicyIsRefused() {
        assertThrows(InterceptFormatException.class, () -> InterceptImporter.importYaml("key: [unclosed", "x"));
        InterceptFormatException e = assertThrows(InterceptFormatException.class,
                () -> InterceptImporter.importYaml("- a\n- b\n", "x"));
        assertTrue(e.problems().get(0).contains("YAML mapping"), e.problems().toString());
        e = assertThrows(InterceptFormatException.class,
                () -> InterceptImporter.importYaml("version: \"1\"\nservers: {}\n", "x"));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("servers: unknown field")), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("tools: is required")), e.problems().toString());
    }

    @Test
    void aCapThatLetsNothingThroughIsRefused() {
        String yaml = """
                version: "1"
                tools:
                  t:
                    rules:
                      - name: never
                        conditions: [{path: state.t.c, op: lt, value: 1}]
                        state: {counter: c, window: day}
                """;
        InterceptFormatException e = assertThrows(InterceptFormatException.class,
                () -> InterceptImporter.importYaml(yaml, "x"));
        assertTrue(e.problems().get(0).contains("lets no call through"), e.problems().toString());
    }

    @Test
    void wildcardDenyWithDefaultAllowDeniesEverything() throws IOException {
        ImportResult r = InterceptImporter.importYaml("""
                version: "1"
                tools:
                  a: {rules: []}
                  "*":
                    rules: [{name: freeze, action: deny, on_deny: "Frozen"}]
                """, "x");
        assertEquals("deny", r.document().at("/tools/a/action").asText());
        assertEquals("deny", r.document().at("/tools/*/action").asText());
        assertEquals("Frozen", r.document().at("/tools/*/reason").asText());
    }
}
