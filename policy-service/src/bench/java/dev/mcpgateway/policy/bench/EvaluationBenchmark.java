package dev.mcpgateway.policy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.policy.decision.DecisionService;
import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.document.PolicyParser;
import dev.mcpgateway.policy.evaluate.Evaluation;
import dev.mcpgateway.policy.evaluate.PolicyEvaluator;
import dev.mcpgateway.policy.evaluate.ToolFacts;
import dev.mcpgateway.policy.grant.Grant;
import dev.mcpgateway.policy.grant.GrantRegistry;
import dev.mcpgateway.policy.grant.TokenHash;
import dev.mcpgateway.policy.limit.InMemoryCounterStore;
import dev.mcpgateway.policy.limit.ReservationBook;
import dev.mcpgateway.policy.store.PolicyRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process policy evaluation (the part of Decide that depends on the policy), SampleTime mode so
 * JMH reports percentiles (p99 is the figure the issue asks for):
 * <ul>
 *   <li>{@code exampleEvaluate}: the DESIGN.md example, the limited tool;</li>
 *   <li>{@code smartlead116Evaluate}: a policy naming all 116 SmartLead tools, each with argument
 *       conditions (exists, gte, regex, in, contains), plus hide globs, glob and risk rules; the call
 *       is to the last tool and passes every condition, so every check runs;</li>
 *   <li>{@code smartlead116Decide}: the whole in-process Decide for the same call (grant lookup,
 *       arguments JSON parsing, evaluation, response building) with memory counters.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvaluationBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    PolicyDocument example;
    JsonNode exampleArgs;
    PolicyDocument big;
    String bigTool;
    JsonNode bigArgs;
    ToolFacts bigFacts;
    DecisionService decisions;
    DecideRequest bigRequest;

    @Setup
    public void setup() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("policies/smartlead-example.json")) {
            example = PolicyParser.parse("smartlead-example", new String(in.readAllBytes(), StandardCharsets.UTF_8), false);
        }
        exampleArgs = JSON.readTree("{\"campaign_id\":42}");

        JsonNode catalog = JSON.readTree(Files.readString(catalogPath()));
        JsonNode tools = catalog.get("tools");
        ObjectNode doc = JSON.createObjectNode().put("version", "1").put("default", "deny");
        doc.putArray("hide").add("smartlead_admin_*").add("*_internal");
        ObjectNode rules = doc.putObject("tools");
        for (JsonNode t : tools) {
            ObjectNode rule = rules.putObject(t.get("name").asText());
            ArrayNode require = rule.putArray("require");
            require.addObject().put("path", "args.campaign_id").put("op", "exists").put("value", true);
            require.addObject().put("path", "args.campaign_id").put("op", "gte").put("value", 1);
            ArrayNode denyIf = rule.putArray("deny_if");
            denyIf.addObject().put("path", "args.name").put("op", "regex").put("value", "(?i)(test|staging)-[0-9]+");
            denyIf.addObject().put("path", "args.status").put("op", "in").putArray("value").add("DELETED").add("ARCHIVED");
            denyIf.addObject().put("path", "args.tags").put("op", "contains").put("value", "blocked");
            if ("critical".equals(t.path("risk").asText())) {
                rule.put("action", "require_approval");
            }
        }
        rules.putObject("smartlead_delete_*").put("action", "deny").put("reason", "deletes need a ticket");
        doc.putObject("risk").putObject("critical").put("action", "require_approval");
        big = PolicyParser.compile("smartlead-116", doc);
        JsonNode last = tools.get(tools.size() - 1);
        bigTool = last.get("name").asText();
        if ("critical".equals(last.path("risk").asText())) {
            // The measured call should be allowed and run every condition; pick the last non-critical tool.
            for (int i = tools.size() - 1; i >= 0; i--) {
                if (!"critical".equals(tools.get(i).path("risk").asText())) {
                    bigTool = tools.get(i).get("name").asText();
                    break;
                }
            }
        }
        String argsJson = "{\"campaign_id\":1234,\"name\":\"Spring outreach 2025\",\"status\":\"ACTIVE\",\"tags\":[\"q2\",\"eu\"]}";
        bigArgs = JSON.readTree(argsJson);
        bigFacts = new ToolFacts("medium", "write");

        GrantRegistry grants = new GrantRegistry();
        grants.put(new Grant("bench", "bench", "smartlead", "smartlead-116", TokenHash.of("bench")));
        PolicyRegistry policies = new PolicyRegistry();
        policies.put(big);
        InMemoryCounterStore counters = new InMemoryCounterStore();
        decisions = new DecisionService(grants, policies, (s, t) -> bigFacts, counters,
                new ReservationBook(60_000, counters), Clock.systemUTC(), 1 << 20, new SimpleMeterRegistry());
        bigRequest = DecideRequest.newBuilder().setGrantId("bench").setSessionId("s").setServer("smartlead")
                .setTool(bigTool).setArgumentsJson(ByteString.copyFromUtf8(argsJson)).build();
        Evaluation check = PolicyEvaluator.evaluate(big, bigTool, bigArgs, bigFacts, null);
        if (!"ALLOW".equals(check.verdict().name())) {
            throw new IllegalStateException("the benchmark call should be allowed: " + check.reason());
        }
    }

    private static Path catalogPath() {
        String configured = System.getProperty("catalog");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p : new Path[] {Path.of("../catalog/smartlead-tools.json"), Path.of("catalog/smartlead-tools.json")}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("catalog/smartlead-tools.json not found; pass -Dcatalog=<path>");
    }

    @Benchmark
    public Evaluation exampleEvaluate() {
        return PolicyEvaluator.evaluate(example, "smartlead_retrigger_failed_events", exampleArgs, ToolFacts.UNKNOWN, null);
    }

    @Benchmark
    public Evaluation smartlead116Evaluate() {
        return PolicyEvaluator.evaluate(big, bigTool, bigArgs, bigFacts, null);
    }

    @Benchmark
    public DecideResponse smartlead116Decide() {
        return decisions.decide(bigRequest);
    }
}
