package dev.mcpgateway.catalog.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** A statement straight to the test database, as another catalog replica (or an operator with psql) would write. */
public final class Database {

    private Database() {
    }

    public static int execute(String sql) {
        String user = System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres");
        String password = System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(CleanDatabase.URL, user, password); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        } catch (Exception e) {
            throw new IllegalStateException("cannot run on " + CleanDatabase.URL + ": " + sql, e);
        }
    }
}
