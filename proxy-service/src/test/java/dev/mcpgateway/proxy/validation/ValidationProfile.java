package dev.mcpgateway.proxy.validation;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Three upstreams on one {@link SchemaUpstream}, one per validation mode, a {@link FakeCatalog}, and discovery on
 * (the default test profile turns it off so other tests' upstreams see no sessions of the gateway's own).
 */
public class ValidationProfile implements QuarkusTestProfile {

    static SchemaUpstream upstream;
    static FakeCatalog catalog;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Services.class));
    }

    public static class Services implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                upstream = new SchemaUpstream();
                catalog = new FakeCatalog();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of(
                    "proxy.upstreams.strict.url", upstream.url("/mcp"),
                    "proxy.upstreams.lenient.url", upstream.url("/mcp"),
                    "proxy.upstreams.lenient.argument-validation", "warn",
                    "proxy.upstreams.unchecked.url", upstream.url("/mcp"),
                    "proxy.upstreams.unchecked.argument-validation", "off",
                    "proxy.catalog.url", catalog.url(),
                    "proxy.catalog.discovery", "true",
                    "proxy.catalog.discovery-interval", "200ms");
        }

        @Override
        public void stop() {
            upstream.close();
            catalog.close();
        }
    }
}
