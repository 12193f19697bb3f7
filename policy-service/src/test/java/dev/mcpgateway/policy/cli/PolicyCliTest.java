package dev.mcpgateway.policy.cli;

import dev.mcpgateway.cli.CliException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCliTest {
    private static final String VALID = """
            {"version": "3", "default": "deny", "tools": {
              "smartlead_retrigger_failed_events": {"limits": [{"counter": "retrigger", "window": "minute", "max": 10}]},
              "smartlead_delete_campaign": {"action": "require_approval"}}}
            """;

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int run(String... args) {
        return runWithStdin("", args);
    }

    /** The CLI's environment variables. */
    private Map<String, String> env = Map.of();

    private int runWithStdin(String stdin, String... args) {
        PolicyCli cli = new PolicyCli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
        return cli.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void validateReportsEveryErrorWithTheServicesPointersAndMessages() throws IOException {
        Path good = write("good.json", VALID);
        Path bad = write("bad.yaml", """
                version: 0
                default: maybe
                tools:
                  t: {action: explode, limits: [{counter: c, window: week, max: 0}]}
                """);
        assertEquals(CliException.EXIT_FAILED, run("validate", good.toString(), bad.toString()));
        String o = out();
        assertTrue(o.contains(good + ": valid (version 3, mode enforce, 2 tool rules, default deny)"), o);
        assertTrue(o.contains(bad + ": 5 problem(s)"), o);
        assertTrue(o.contains("  /version: must be a positive integer, e.g. \"1\""), o);
        assertTrue(o.contains("  /default: must be \"allow\" or \"deny\""), o);
        assertTrue(o.contains("  /tools/t/action: must be one of allow, deny, hide, require_approval"), o);
        assertTrue(o.contains("  /tools/t/limits/0/window: unknown window \"week\"; use second, minute, hour or day"), o);
        assertTrue(o.contains("  /tools/t/limits/0/max: must be an integer of at least 1, got 0"), o);
        assertEquals(CliException.EXIT_OK, run("validate", good.toString()));
    }

    @Test
    void validateReadsStdinAndSniffsTheFormat() {
        assertEquals(CliException.EXIT_OK, runWithStdin("version: 1\ndefault: allow\n", "validate", "-"));
        assertTrue(out().contains("-: valid (version 1"), out());
    }

    @Test
    void missingFileAndBadCommandLine() {
        assertEquals(CliException.EXIT_FAILED, run("validate", dir.resolve("nope.json").toString()));
        assertTrue(err().contains("no such file"), err());
        assertEquals(CliException.EXIT_USAGE, run("frobnicate"));
        assertEquals(CliException.EXIT_USAGE, run("validate"));
        assertEquals(CliException.EXIT_USAGE, run("explain", "p.json"));
        assertTrue(err().contains("usage: policy"), err());
    }

    /** The service's own scenario file, its policy extracted into a file of its own. */
    @Test
    void testRunsTheServicesScenarioFilesAndCountsPassesAndFailures() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Path scenarios = Path.of("src/test/resources/scenarios/01-example-policy.yaml");
        JsonNode file = yaml.readTree(scenarios.toFile());
        Path policy = write("scenario.json", file.get("policy").toString());
        assertEquals(CliException.EXIT_OK, run("test", policy.toString(), scenarios.toString()));
        assertTrue(out().contains("PASS " + scenarios + ": eleventh call is rate limited until the next minute"), out());
        assertTrue(out().strip().endsWith(file.get("scenarios").size() + " passed, 0 failed"), out());
        assertTrue(err().contains("its own 'policy' is ignored"), err());

        out.reset();
        Path wrong = write("wrong.yaml", """
                scenarios:
                  - name: delete is allowed
                    when: {tool: smartlead_delete_campaign}
                    then: {decision: ALLOW, rule: /tools/smartlead_delete_campaign}
                  - name: retrigger is allowed
                    when: {tool: smartlead_retrigger_failed_events}
                    then: {decision: ALLOW, limit_remaining: 9}
                """);
        assertEquals(CliException.EXIT_FAILED, run("test", policy.toString(), wrong.toString()));
        assertTrue(out().contains("FAIL " + wrong + ": delete is allowed"), out());
        assertTrue(out().contains("decision: expected ALLOW, got DENY"), out());
        assertTrue(out().contains("rule: expected /tools/smartlead_delete_campaign, got /default"), out());
        assertTrue(out().strip().endsWith("1 passed, 1 failed"), out());
    }

    @Test
    void diffPrintsRuleChanges() throws IOException {
        Path a = write("a.json", VALID);
        Path b = write("b.yaml", """
                version: 4
                default: deny
                tools:
                  smartlead_retrigger_failed_events: {limits: [{counter: retrigger, window: minute, max: 5}]}
                  smartlead_delete_campaign: {action: deny}
                """);
        assertEquals(CliException.EXIT_OK, run("diff", a.toString(), b.toString()));
        assertEquals(List.of("version: 3 → 4",
                "limits of smartlead_retrigger_failed_events: 10/minute → 5/minute",
                "smartlead_delete_campaign: require_approval → deny"), out().lines().toList());
        out.reset();
        assertEquals(CliException.EXIT_OK, run("diff", a.toString(), a.toString()));
        assertEquals("no rule changes", out().strip());
    }

    @Test
    void explainOfflineShowsTheDecidingRule() throws IOException {
        Path p = write("p.json", """
                {"version": "1", "default": "deny",
                 "tools": {"buy": {"require": [{"path": "args.amount", "op": "lte", "value": 100}],
                                    "limits": [{"counter": "buys", "window": "hour", "max": 3}]}},
                 "risk": {"destructive": {"action": "require_approval"}}}
                """);
        assertEquals(CliException.EXIT_OK, run("explain", p.toString(), "--tool", "buy", "--args", "{\"amount\": 500}"));
        assertTrue(out().contains("decision: DENY"), out());
        assertTrue(out().contains("rule:     /tools/buy/require/0"), out());
        out.reset();
        assertEquals(CliException.EXIT_OK, run("explain", p.toString(), "--tool", "buy", "--args", "{\"amount\": 5}"));
        assertTrue(out().contains("decision: ALLOW"), out());
        assertTrue(out().contains("counter buys: 3 per hour per grant, this call adds 1, 2 left"), out());
        out.reset();
        assertEquals(CliException.EXIT_OK, run("explain", p.toString(), "--tool", "drop_table", "--risk", "high",
                "--category", "destructive", "--json"));
        JsonNode e = new ObjectMapper().readTree(out());
        assertEquals("APPROVAL_REQUIRED", e.get("decision").asText());
        assertEquals("/risk/destructive/action", e.get("rule").asText());
        assertEquals(CliException.EXIT_USAGE, run("explain", p.toString(), "--tool", "buy", "--args", "[1]"));

        // --changed: the catalog holds an unaccepted definition change; deny_changed_tools denies it.
        Path strict = write("strict.json", """
                {"version": "1", "default": "allow", "deny_changed_tools": true}
                """);
        out.reset();
        assertEquals(CliException.EXIT_OK, run("explain", strict.toString(), "--tool", "get", "--changed"));
        assertTrue(out().contains("decision: DENY"), out());
        assertTrue(out().contains("rule:     /deny_changed_tools"), out());
        out.reset();
        assertEquals(CliException.EXIT_OK, run("explain", strict.toString(), "--tool", "get"));
        assertTrue(out().contains("decision: ALLOW"), out());
    }

    @Test
    void pushPutsTheDocumentAndPrintsTheStoredVersion() throws IOException {
        List<String> seen = new ArrayList<>();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/policies/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " " + ex.getRequestHeaders().getFirst("Content-Type")
                    + " " + ex.getRequestHeaders().getFirst("Authorization") + " " + ex.getRequestHeaders().getFirst("X-Actor"));
            seen.add(body);
            byte[] answer = ("{\"id\":\"smartlead\",\"version\":7,\"mode\":\"enforce\",\"created_by\":\"ops\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
        Path p = write("p.yaml", "version: 1\ndefault: allow\n");
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        assertEquals(CliException.EXIT_OK, run("push", p.toString(), "--id", "smartlead", "--url", url, "--token", "s3cret",
                "--actor", "ops", "--comment", "raise limits"), err());
        assertEquals("PUT /api/policies/smartlead?comment=raise%20limits application/yaml Bearer s3cret ops", seen.get(0));
        assertEquals("version: 1\ndefault: allow\n", seen.get(1));
        assertTrue(out().contains("stored policy smartlead version 7 (mode enforce) on " + url), out());
    }

    @Test
    void pushSendsTheOperatorTokenFromTheEnvironmentWhenNoneIsGiven() throws IOException {
        List<String> seen = new ArrayList<>();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/policies/", ex -> {
            ex.getRequestBody().readAllBytes();
            seen.add(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] answer = "{\"id\":\"p\",\"version\":1,\"mode\":\"enforce\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
        Path p = write("p.json", VALID);
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        env = Map.of("GATEWAY_OPERATOR_TOKEN", "mgw_op_from_env", "POLICY_TOKEN", "older");
        assertEquals(CliException.EXIT_OK, run("push", p.toString(), "--id", "p", "--url", url), err());
        assertEquals(CliException.EXIT_OK, run("push", p.toString(), "--id", "p", "--url", url, "--token", "mgw_op_flag"), err());
        assertEquals(List.of("Bearer mgw_op_from_env", "Bearer mgw_op_flag"), seen);
    }

    @Test
    void pushPrintsTheServersProblem() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/policies/", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] answer = """
                    {"type":"about:blank","title":"Invalid policy document","status":422,
                     "detail":"1 problem(s) found in the policy document.",
                     "errors":[{"pointer":"/tools/x/action","message":"must be one of allow, deny, hide, require_approval"}]}
                    """.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/problem+json");
            ex.sendResponseHeaders(422, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
        Path p = write("p.json", VALID);
        assertEquals(CliException.EXIT_FAILED, run("push", p.toString(), "--id", "p", "--url",
                "http://127.0.0.1:" + server.getAddress().getPort()));
        assertTrue(err().contains("422 Invalid policy document: 1 problem(s) found in the policy document."), err());
        assertTrue(err().contains("  /tools/x/action: must be one of allow, deny, hide, require_approval"), err());
    }

    @Test
    void pushValidatesLocallyAndReportsAnUnreachableService() throws IOException {
        Path bad = write("bad.json", "{\"version\": 1, \"tools\": {\"t\": {\"action\": \"nope\"}}}");
        assertEquals(CliException.EXIT_FAILED, run("push", bad.toString(), "--id", "p", "--url", "http://127.0.0.1:9"));
        assertTrue(err().contains("/tools/t/action"), err());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path good = write("good.json", VALID);
        assertEquals(CliException.EXIT_UNREACHABLE, run("push", good.toString(), "--id", "p", "--url", "http://127.0.0.1:" + port));
        assertTrue(err().contains("policy-service is not reachable at http://127.0.0.1:" + port), err());
        assertEquals(CliException.EXIT_USAGE, run("push", good.toString()));
    }

    @Test
    void importInterceptWritesADocumentThatValidates() throws IOException {
        Path src = Path.of("src/test/resources/intercept/github.yaml");
        Path target = dir.resolve("github.json");
        assertEquals(CliException.EXIT_OK, run("import-intercept", src.toString(), "--out", target.toString()));
        assertTrue(err().contains("github.yaml: imported; 0 not carried over"), err());
        out.reset();
        assertEquals(CliException.EXIT_OK, run("validate", target.toString()));
        assertTrue(out().contains("valid (version 1"), out());

        out.reset();
        assertEquals(CliException.EXIT_OK, run("import-intercept", src.toString(), "--yaml"));
        assertTrue(out().contains("create_issue:"), out());
    }

    @Test
    void importInterceptRefusesOtherFormatsAndStrictRefusesLosses() throws IOException {
        Path ours = Path.of("src/test/resources/intercept/gateway-document.json");
        assertEquals(CliException.EXIT_FAILED, run("import-intercept", ours.toString()));
        assertEquals("", out());
        assertTrue(err().contains("not imported"), err());

        err.reset();
        Path lossy = Path.of("src/test/resources/intercept/lossy.yaml");
        assertEquals(CliException.EXIT_FAILED, run("import-intercept", lossy.toString(), "--strict"));
        assertEquals("", out());
        assertTrue(err().contains("not carried over (the imported policy is less restrictive here):"), err());
        assertTrue(err().contains("not imported (--strict)"), err());
        assertFalse(Files.exists(dir.resolve("lossy.json")));
    }
}
