package dev.mcpgateway.policy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.policy.catalog.CatalogClient;
import dev.mcpgateway.policy.catalog.ToolFactsCache;
import dev.mcpgateway.policy.evaluate.ToolFacts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The catalog lookup policy-service does on every Decide ({@link ToolFactsCache#facts}), with the
 * cache filled with the 116 SmartLead tools of {@code catalog/smartlead-tools.json} (what
 * catalog-service serves; the HTTP fetch runs in the background and is not on the Decide path,
 * so it is replaced here by a client that answers from the file):
 * <ul>
 *   <li>{@code cachedHit}: a known tool, cycling over all 116 names;</li>
 *   <li>{@code cachedMiss}: a tool the catalog does not know (answered with UNKNOWN).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ToolFactsCacheBenchmark {
    ToolFactsCache cache;
    String[] names;
    int next;

    @Setup
    public void setup() throws Exception {
        JsonNode catalog = new ObjectMapper().readTree(Files.readString(catalogPath()));
        Map<String, ToolFacts> facts = new HashMap<>();
        List<String> list = new ArrayList<>();
        for (JsonNode t : catalog.get("tools")) {
            String name = t.get("name").asText();
            list.add(name);
            facts.put(name, new ToolFacts(t.path("risk").asText(""), t.path("category").asText("")));
        }
        names = list.toArray(String[]::new);
        CatalogClient fromFile = new CatalogClient(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1)) {
            @Override
            public Map<String, ToolFacts> tools(String server) {
                return facts;
            }
        };
        cache = new ToolFactsCache(fromFile, Runnable::run);
        cache.refresh("smartlead");
        if (cache.facts("smartlead", names[0]) == ToolFacts.UNKNOWN) {
            throw new IllegalStateException("cache not filled");
        }
    }

    @Benchmark
    public ToolFacts cachedHit() {
        int i = next;
        next = i + 1 == names.length ? 0 : i + 1;
        return cache.facts("smartlead", names[i]);
    }

    @Benchmark
    public ToolFacts cachedMiss() {
        return cache.facts("smartlead", "smartlead_no_such_tool");
    }

    private static Path catalogPath() throws IOException {
        String configured = System.getProperty("catalog");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p : new Path[] {Path.of("../catalog/smartlead-tools.json"), Path.of("catalog/smartlead-tools.json")}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IOException("catalog/smartlead-tools.json not found; pass -Dcatalog=<path>");
    }
}
