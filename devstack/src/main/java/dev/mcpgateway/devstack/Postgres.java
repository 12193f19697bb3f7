package dev.mcpgateway.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * PostgreSQL for ./gateway.
 *
 * <pre>
 *   Postgres ensure   HOST PORT USER DB...          create the databases that are missing on a running server
 *   Postgres reset    HOST PORT USER DB...          drop (closing their connections) and create them anew: test runs start empty
 *   Postgres embedded PORT DATA_DIR USER DB...      run a real PostgreSQL from Maven Central binaries until killed
 * </pre>
 *
 * The embedded server keeps its data directory between runs, so `./gateway down` and `up` keep the
 * audit log. Exit code 2 on bad usage, 1 when the server cannot be reached or started.
 */
public final class Postgres {

    private Postgres() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            usage();
        }
        switch (args[0]) {
            case "ensure" -> {
                if (args.length < 5) usage();
                String url = "jdbc:postgresql://" + args[1] + ":" + args[2] + "/postgres";
                try {
                    ensureDatabases(url, args[3], List.of(Arrays.copyOfRange(args, 4, args.length)));
                } catch (SQLException e) {
                    System.err.println("postgres: cannot reach " + url + " as " + args[3] + ": " + e.getMessage());
                    System.exit(1);
                }
            }
            case "reset" -> {
                if (args.length < 5) usage();
                String url = "jdbc:postgresql://" + args[1] + ":" + args[2] + "/postgres";
                List<String> dbs = List.of(Arrays.copyOfRange(args, 4, args.length));
                try {
                    dropDatabases(url, args[3], dbs);
                    ensureDatabases(url, args[3], dbs);
                } catch (SQLException e) {
                    System.err.println("postgres: cannot reset databases on " + url + ": " + e.getMessage());
                    System.exit(1);
                }
            }
            case "embedded" -> {
                if (args.length < 5) usage();
                runEmbedded(Integer.parseInt(args[1]), new File(args[2]), args[3],
                        List.of(Arrays.copyOfRange(args, 4, args.length)));
            }
            default -> usage();
        }
    }

    static void ensureDatabases(String adminUrl, String user, List<String> databases) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, "")) {
            for (String db : databases) {
                if (!db.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a plain database name: " + db);
                }
                try (PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                    exists.setString(1, db);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) continue;
                    }
                }
                try (Statement create = c.createStatement()) {
                    create.execute("create database " + db);
                    System.out.println("postgres: created database " + db);
                } catch (SQLException e) {
                    // 42P04 duplicate_database: someone else created it meanwhile; that is what we wanted.
                    if (!"42P04".equals(e.getSQLState())) throw e;
                }
            }
        }
    }

    static void dropDatabases(String adminUrl, String user, List<String> databases) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, ""); Statement st = c.createStatement()) {
            for (String db : databases) {
                if (!db.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a plain database name: " + db);
                }
                // FORCE (PostgreSQL 13+) ends the sessions of a stack that was left running.
                st.execute("drop database if exists " + db + " with (force)");
            }
        }
    }

    private static void runEmbedded(int port, File dataDir, String user, List<String> databases) throws Exception {
        dataDir.mkdirs();
        File marker = new File(dataDir, "PG_VERSION");
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                System.err.println("postgres: stop failed: " + e.getMessage());
            }
            stopped.countDown();
        }));
        ensureDatabases("jdbc:postgresql://127.0.0.1:" + port + "/postgres", user, databases);
        System.out.println("postgres: embedded PostgreSQL ready on 127.0.0.1:" + port
                + (marker.exists() ? "" : " (new data directory " + dataDir + ")"));
        stopped.await();
    }

    private static void usage() {
        System.err.println("usage: Postgres ensure|reset HOST PORT USER DB... | Postgres embedded PORT DATA_DIR USER DB...");
        System.exit(2);
    }
}
