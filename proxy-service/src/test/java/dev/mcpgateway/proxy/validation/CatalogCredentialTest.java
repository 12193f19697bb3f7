package dev.mcpgateway.proxy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpgateway.proxy.discovery.CatalogReports;
import dev.mcpgateway.proxy.jsonrpc.Json;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The proxy's service credential (proxy.catalog.token) goes with every call to catalog-service, and only when set. */
class CatalogCredentialTest {

    @Test
    void discoveryReportsAndSchemaLookupsCarryTheServiceToken() throws Exception {
        try (FakeCatalog catalog = new FakeCatalog()) {
            catalog.tool("s", "t", "{\"type\":\"object\"}");
            Optional<String> token = Optional.of("mgw_op_service_secret");
            new CatalogReports(catalog.url(), Duration.ofSeconds(2), token).report("s", Json.NODES.arrayNode())
                    .await().atMost(Duration.ofSeconds(5));
            assertTrue(new CatalogSchemas(catalog.url(), Duration.ofSeconds(2), Duration.ofSeconds(60), token)
                    .inputSchema("s", "t").await().atMost(Duration.ofSeconds(5)).isPresent());
            assertEquals(List.of("Bearer mgw_op_service_secret", "Bearer mgw_op_service_secret"), catalog.authorizations);
        }
    }

    @Test
    void withoutATokenNoAuthorizationHeaderIsSent() throws Exception {
        try (FakeCatalog catalog = new FakeCatalog()) {
            new CatalogReports(catalog.url(), Duration.ofSeconds(2), Optional.of(" ")).report("s", Json.NODES.arrayNode())
                    .await().atMost(Duration.ofSeconds(5));
            assertEquals(List.of(""), catalog.authorizations);
        }
    }
}
