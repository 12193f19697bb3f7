package dev.mcpgateway.catalog.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.catalog.testsupport.CleanDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up seed in real PostgreSQL: 116 rows once, nothing on a second run, nothing twice under a race. */
@QuarkusTest
@QuarkusTestResource(value = CleanDatabase.class, restrictToAnnotatedClass = true)
class SeedIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    CatalogSeeder seeder;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Test
    void startupSeededTheSmartLeadCatalogOnce() {
        assertEquals(116L, count("smartlead"));
        assertEquals(116L, scalar("SELECT count(DISTINCT definition_hash) FROM tool WHERE server = 'smartlead'"),
                "every SmartLead tool has its own definition hash");
        assertEquals(0L, scalar("SELECT count(*) FROM tool WHERE server = 'smartlead' AND (source <> 'seed' OR status <> 'active')"));
    }

    @Test
    void seedingAgainChangesNothing() {
        List<String> before = snapshot("smartlead");
        SeedCatalog catalog = SeedCatalog.load(json, "catalog/smartlead-tools.json");
        assertEquals(0, seeder.seed(catalog).await().atMost(WAIT), "second seed inserts no row");
        assertEquals(before, snapshot("smartlead"), "second seed leaves every row as it was");
    }

    @Test
    void twoReplicasSeedingAtOnceInsertEachToolOnce() {
        SeedCatalog smartlead = SeedCatalog.load(json, "catalog/smartlead-tools.json");
        SeedCatalog other = new SeedCatalog("it-seed-race", smartlead.tools());
        List<Integer> inserted = Uni.join().all(seeder.seed(other), seeder.seed(other), seeder.seed(other))
                .andFailFast().await().atMost(WAIT);
        assertEquals(116, inserted.stream().mapToInt(Integer::intValue).sum(), "116 inserts among the three seeds: " + inserted);
        assertEquals(116L, count("it-seed-race"));
    }

    private long count(String server) {
        return pool.preparedQuery("SELECT count(*) FROM tool WHERE server = $1").execute(Tuple.of(server))
                .map(rs -> rs.iterator().next().getLong(0)).await().atMost(WAIT);
    }

    private long scalar(String sql) {
        return pool.query(sql).execute().map(rs -> rs.iterator().next().getLong(0)).await().atMost(WAIT);
    }

    private List<String> snapshot(String server) {
        return pool.preparedQuery("SELECT id, name, definition_hash, category, risk, source, status, first_seen, last_seen "
                        + "FROM tool WHERE server = $1 ORDER BY name")
                .execute(Tuple.of(server))
                .map(rs -> {
                    List<String> rows = new ArrayList<>();
                    for (Row r : rs) {
                        rows.add(r.deepToString());
                    }
                    return rows;
                }).await().atMost(WAIT);
    }
}
