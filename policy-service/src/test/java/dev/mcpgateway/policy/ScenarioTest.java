package dev.mcpgateway.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.policy.decision.DecisionService;
import dev.mcpgateway.policy.document.PolicyParser;
import dev.mcpgateway.policy.document.Scope;
import dev.mcpgateway.policy.document.Window;
import dev.mcpgateway.policy.evaluate.ToolFacts;
import dev.mcpgateway.policy.grant.Grant;
import dev.mcpgateway.policy.grant.GrantRegistry;
import dev.mcpgateway.policy.grant.TokenHash;
import dev.mcpgateway.policy.limit.Charge;
import dev.mcpgateway.policy.limit.CounterKey;
import dev.mcpgateway.policy.limit.InMemoryCounterStore;
import dev.mcpgateway.policy.limit.ReservationBook;
import dev.mcpgateway.policy.store.PolicyRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Behaviour as data: every file under {@code scenarios/} gives a policy, catalog facts and
 * scenarios (counter state, a call, the expected decision, rule and reason); each scenario runs
 * through the real DecisionService with real counters and a fixed clock.
 *
 * <p>File format: {@code policy} (the document), optional {@code catalog} (tool → risk, category),
 * {@code scenarios}: list of {@code name}, optional {@code at} (instant, default
 * 2025-01-01T12:00:18Z), optional {@code counters} ({@code counter, window, scope, value}),
 * {@code when} ({@code tool, arguments, grant} (default g1), {@code session} (default s1)),
 * {@code then} ({@code decision, rule, reason} (substring), optional {@code limit_remaining},
 * {@code retry_after_ms}, {@code policy_version}, {@code enforced}).
 */
class ScenarioTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String DEFAULT_AT = "2025-01-01T12:00:18Z";

    static Stream<Arguments> scenarios() throws IOException, URISyntaxException {
        Path dir = Path.of(ScenarioTest.class.getClassLoader().getResource("scenarios").toURI());
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode file = YAML.readTree(f.toFile());
                for (JsonNode s : file.get("scenarios")) {
                    String name = f.getFileName().toString().replace(".yaml", "") + ": " + s.get("name").asText();
                    out.add(Arguments.of(name, file, s));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(String name, JsonNode file, JsonNode s) {
        long now = Instant.parse(s.path("at").asText(DEFAULT_AT)).toEpochMilli();
        Clock clock = Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC);

        PolicyRegistry policies = new PolicyRegistry();
        policies.put(PolicyParser.compile("scenario", file.get("policy")));
        GrantRegistry grants = new GrantRegistry();
        for (String g : new String[] {"g1", "g2"}) {
            grants.put(new Grant(g, g, "smartlead", "scenario", TokenHash.of(g)));
        }
        JsonNode catalog = file.path("catalog");
        InMemoryCounterStore counters = new InMemoryCounterStore();
        DecisionService service = new DecisionService(grants, policies, (server, tool) -> {
            JsonNode t = catalog.get(tool);
            return t == null ? ToolFacts.UNKNOWN : new ToolFacts(t.path("risk").asText(""), t.path("category").asText(""));
        }, counters, new ReservationBook(60_000), clock, 1 << 20, new SimpleMeterRegistry());

        JsonNode when = s.get("when");
        String grant = when.path("grant").asText("g1");
        String session = when.path("session").asText("s1");
        for (JsonNode c : s.path("counters")) {
            Window w = Window.fromWire(c.get("window").asText());
            Scope scope = Scope.fromWire(c.path("scope").asText("grant"));
            String scopeValue = scope == Scope.GRANT ? c.path("grant").asText(grant)
                    : scope == Scope.SESSION ? c.path("session").asText(session) : "*";
            long start = w.start(now);
            counters.tryReserve(List.of(new Charge(new CounterKey("scenario", c.get("counter").asText(), w, scope, scopeValue),
                    start, start + w.millis(), c.get("value").asLong(), Long.MAX_VALUE, null)));
        }

        DecideRequest.Builder req = DecideRequest.newBuilder().setGrantId(grant).setSessionId(session)
                .setServer("smartlead").setTool(when.get("tool").asText());
        if (when.has("arguments")) {
            req.setArgumentsJson(ByteString.copyFromUtf8(when.get("arguments").toString()));
        }
        int repeat = when.path("repeat").asInt(1);
        DecideResponse r = null;
        for (int i = 0; i < repeat; i++) {
            r = service.decide(req.build());
        }

        JsonNode then = s.get("then");
        assertEquals(then.get("decision").asText(), r.getDecision().name(), name + ": decision; got " + r);
        if (then.has("rule")) {
            assertEquals(then.get("rule").asText(), r.getRule(), name + ": rule");
        }
        if (then.has("reason")) {
            assertTrue(r.getReason().contains(then.get("reason").asText()),
                    name + ": reason '" + r.getReason() + "' should contain '" + then.get("reason").asText() + "'");
        }
        if (then.has("limit_remaining")) {
            assertEquals(then.get("limit_remaining").asLong(), r.getLimitRemaining(), name + ": limit_remaining");
        }
        if (then.has("retry_after_ms")) {
            assertEquals(then.get("retry_after_ms").asLong(), r.getRetryAfterMs(), name + ": retry_after_ms");
        }
        if (then.has("policy_version")) {
            assertEquals(then.get("policy_version").asLong(), r.getPolicyVersion(), name + ": policy_version");
        }
        if (then.has("enforced")) {
            assertEquals(then.get("enforced").asBoolean(), r.getEnforced(), name + ": enforced");
        }
        if (then.has("audit_argument_values")) {
            List<String> expected = new ArrayList<>();
            then.get("audit_argument_values").forEach(v -> expected.add(v.asText()));
            assertEquals(expected, r.getAuditArgumentValuesList(), name + ": audit_argument_values");
        }
        if ("DENY".equals(then.get("decision").asText()) || "APPROVAL_REQUIRED".equals(then.get("decision").asText())) {
            assertFalse(r.getReason().isEmpty(), name + ": a refusal always carries a reason");
        }
    }
}
