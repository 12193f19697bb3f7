package dev.mcpgateway.policy.cli;

import dev.mcpgateway.cli.CliException;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.policy.decision.DecisionException;
import dev.mcpgateway.policy.decision.DecisionService;
import dev.mcpgateway.policy.document.PolicyDocument;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs YAML scenarios against a policy through the real {@link DecisionService}, with fresh in-memory
 * counters and a fixed clock per scenario: the format and semantics of the service's own
 * {@code ScenarioTest}, so a scenario file behaves the same in CI and from the command line.
 *
 * <p>A scenario file holds {@code scenarios} (and optionally {@code catalog}: tool → {@code risk},
 * {@code category}, {@code status} ({@code changed}: a definition change no operator accepted yet)); each scenario has {@code name}, optional {@code at} (default
 * 2025-01-01T12:00:18Z) and {@code counters} ({@code counter, window, scope, value}), {@code when}
 * ({@code tool, arguments, grant} (g1), {@code session} (s1), {@code repeat}) and {@code then}
 * ({@code decision}, optional {@code rule}, {@code reason} (substring), {@code limit_remaining},
 * {@code retry_after_ms}, {@code policy_version}, {@code enforced}, {@code audit_argument_values},
 * {@code strict_arguments}).
 */
public final class ScenarioRunner {
    static final String DEFAULT_AT = "2025-01-01T12:00:18Z";
    private static final String SERVER = "smartlead";

    /** One scenario's outcome; {@code failures} is empty when it passed. */
    public record Result(String name, List<String> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private ScenarioRunner() {
    }

    /** Runs every scenario of one parsed scenario file; a malformed file throws {@link CliException}. */
    public static List<Result> run(PolicyDocument policy, JsonNode file, String fileName) {
        JsonNode scenarios = file == null ? null : file.get("scenarios");
        if (scenarios == null || !scenarios.isArray()) {
            throw new CliException(fileName + ": not a scenario file (expected a list under 'scenarios')");
        }
        JsonNode catalog = file.path("catalog");
        List<Result> out = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            JsonNode s = scenarios.get(i);
            out.add(runOne(policy, catalog, s, s.path("name").asText("scenario " + (i + 1))));
        }
        return out;
    }

    /** Runs one scenario against {@code policy}, with {@code catalog} (tool → risk, category) as the tool facts. */
    public static Result runOne(PolicyDocument policy, JsonNode catalog, JsonNode scenario, String name) {
        List<String> failures = new ArrayList<>();
        try {
            check(policy, catalog, scenario, failures);
        } catch (DecisionException e) {
            failures.add("could not decide: " + e.getMessage());
        } catch (ScenarioFormatException e) {
            failures.add("malformed scenario: " + e.getMessage());
        }
        return new Result(name, List.copyOf(failures));
    }

    private static final class ScenarioFormatException extends RuntimeException {
        ScenarioFormatException(String message) {
            super(message);
        }
    }

    private static void check(PolicyDocument policy, JsonNode catalog, JsonNode s, List<String> failures) {
        JsonNode when = s.get("when");
        JsonNode then = s.get("then");
        if (when == null || !when.hasNonNull("tool")) {
            throw new ScenarioFormatException("'when.tool' is required");
        }
        if (then == null || !then.hasNonNull("decision")) {
            throw new ScenarioFormatException("'then.decision' is required");
        }
        long now;
        try {
            now = Instant.parse(s.path("at").asText(DEFAULT_AT)).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ScenarioFormatException("'at' must be an ISO-8601 instant, e.g. " + DEFAULT_AT);
        }
        Clock clock = Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC);

        PolicyRegistry policies = new PolicyRegistry();
        policies.put(policy);
        GrantRegistry grants = new GrantRegistry();
        String grant = when.path("grant").asText("g1");
        String session = when.path("session").asText("s1");
        for (String g : new String[] {"g1", "g2", grant}) {
            grants.put(new Grant(g, g, SERVER, policy.id(), TokenHash.of(g)));
        }
        InMemoryCounterStore counters = new InMemoryCounterStore();
        DecisionService service = new DecisionService(grants, policies, (server, tool) -> {
            JsonNode t = catalog.get(tool);
            return t == null ? ToolFacts.UNKNOWN : new ToolFacts(t.path("risk").asText(""), t.path("category").asText(""),
                    "changed".equals(t.path("status").asText("")));
        }, counters, new ReservationBook(60_000, counters), clock, 1 << 20, new SimpleMeterRegistry());

        for (JsonNode c : s.path("counters")) {
            Window w = Window.fromWire(c.path("window").asText());
            Scope scope = Scope.fromWire(c.path("scope").asText("grant"));
            if (w == null || scope == null || !c.hasNonNull("counter")) {
                throw new ScenarioFormatException("a counter needs 'counter', 'window' (second|minute|hour|day) "
                        + "and optionally 'scope' (grant|session|global)");
            }
            String scopeValue = scope == Scope.GRANT ? c.path("grant").asText(grant)
                    : scope == Scope.SESSION ? c.path("session").asText(session) : "*";
            long start = w.start(now);
            counters.tryReserve(List.of(new Charge(new CounterKey(policy.id(), c.get("counter").asText(), w, scope,
                    scopeValue), start, start + w.millis(), c.path("value").asLong(), Long.MAX_VALUE, null)));
        }

        DecideRequest.Builder req = DecideRequest.newBuilder().setGrantId(grant).setSessionId(session)
                .setServer(SERVER).setTool(when.get("tool").asText());
        if (when.has("arguments")) {
            req.setArgumentsJson(ByteString.copyFromUtf8(when.get("arguments").toString()));
        }
        int repeat = Math.max(1, when.path("repeat").asInt(1));
        DecideResponse r = null;
        for (int i = 0; i < repeat; i++) {
            r = service.decide(req.build());
        }

        expect(failures, "decision", then.get("decision").asText(), r.getDecision().name());
        if (then.has("rule")) {
            expect(failures, "rule", then.get("rule").asText(), r.getRule());
        }
        if (then.has("reason") && !r.getReason().contains(then.get("reason").asText())) {
            failures.add("reason: expected to contain '" + then.get("reason").asText() + "', got '" + r.getReason() + "'");
        }
        if (then.has("limit_remaining")) {
            expect(failures, "limit_remaining", then.get("limit_remaining").asText(), Long.toString(r.getLimitRemaining()));
        }
        if (then.has("retry_after_ms")) {
            expect(failures, "retry_after_ms", then.get("retry_after_ms").asText(), Long.toString(r.getRetryAfterMs()));
        }
        if (then.has("policy_version")) {
            expect(failures, "policy_version", then.get("policy_version").asText(), Long.toString(r.getPolicyVersion()));
        }
        if (then.has("enforced")) {
            expect(failures, "enforced", then.get("enforced").asText(), Boolean.toString(r.getEnforced()));
        }
        if (then.has("strict_arguments")) {
            expect(failures, "strict_arguments", then.get("strict_arguments").asText(), Boolean.toString(r.getStrictArguments()));
        }
        if (then.has("audit_argument_values")) {
            List<String> expected = new ArrayList<>();
            then.get("audit_argument_values").forEach(v -> expected.add(v.asText()));
            expect(failures, "audit_argument_values", expected.toString(), r.getAuditArgumentValuesList().toString());
        }
        String decided = r.getDecision().name();
        if (("DENY".equals(decided) || "APPROVAL_REQUIRED".equals(decided)) && r.getReason().isEmpty()) {
            failures.add("a refusal always carries a reason; this one has none");
        }
    }

    private static void expect(List<String> failures, String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            failures.add(what + ": expected " + expected + ", got " + actual);
        }
    }
}
