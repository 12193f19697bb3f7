package dev.mcpgateway.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mcpgateway.policy.cli.ScenarioRunner;
import dev.mcpgateway.policy.document.PolicyParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    // The same runner as `./gateway policy test`: one implementation of what a scenario means.
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(String name, JsonNode file, JsonNode s) {
        ScenarioRunner.Result result = ScenarioRunner.runOne(PolicyParser.compile("scenario", file.get("policy")),
                file.path("catalog"), s, name);
        assertTrue(result.passed(), () -> name + ": " + String.join("; ", result.failures()));
    }
}
