package dev.mcpgateway.catalog.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Empties the test database before the application starts, so every *IT run migrates from scratch and seeds
 * exactly the SmartLead catalog. Points only at {@code mcp_catalog_test} (refuses anything else).
 */
public class CleanDatabase implements QuarkusTestResourceLifecycleManager {

    static final String URL = System.getProperty("catalog.it.jdbc-url",
            System.getenv().getOrDefault("CATALOG_IT_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/mcp_catalog_test"));

    @Override
    public Map<String, String> start() {
        if (!URL.contains("mcp_catalog_test")) {
            throw new IllegalStateException("refusing to wipe a database that is not mcp_catalog_test: " + URL);
        }
        String user = System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres");
        String password = System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(URL, user, password); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS tool_override, tool_definition_version, tool, flyway_schema_history CASCADE");
        } catch (Exception e) {
            throw new IllegalStateException("cannot clean " + URL + " (is PostgreSQL running and the database created?)", e);
        }
        return Map.of("quarkus.datasource.reactive.url", URL.substring("jdbc:".length()));
    }

    @Override
    public void stop() {
    }
}
