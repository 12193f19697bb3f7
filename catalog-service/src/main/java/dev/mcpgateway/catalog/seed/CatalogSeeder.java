package dev.mcpgateway.catalog.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.catalog.CatalogConfig;
import dev.mcpgateway.catalog.change.CatalogWrites;
import dev.mcpgateway.catalog.definition.ToolDefinition;
import dev.mcpgateway.catalog.poison.PoisonDetector;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Inserts the seed catalog's tools at start. One statement, {@code ON CONFLICT DO NOTHING} on (server, name):
 * seeding again changes nothing, an operator's override or a discovered definition is never overwritten, and
 * two replicas starting together cannot both insert a tool. Runs after Flyway (which migrates at start).
 */
@ApplicationScoped
public class CatalogSeeder {

    private static final Logger LOG = Logger.getLogger(CatalogSeeder.class);

    static final String INSERT = """
            INSERT INTO tool (server, name, title, description, input_schema, output_schema, annotations,
                              category, risk, source, status, definition_hash, first_seen, last_seen,
                              classification_reason, flags)
            SELECT $1, r.name, r.title, coalesce(r.description, ''), r.input_schema, r.output_schema, r.annotations,
                   r.category, r.risk, 'seed', 'active', r.definition_hash, now(), now(),
                   r.reason, jsonb_build_object('items', coalesce(r.flags, '[]'::jsonb))
            FROM jsonb_to_recordset(CAST($2::text AS jsonb)) AS r(name text, title text, description text, input_schema jsonb,
                 output_schema jsonb, annotations jsonb, category text, risk text, definition_hash text,
                 reason text, flags jsonb)
            ON CONFLICT (server, name) DO NOTHING
            """;

    private final Pool pool;
    private final ObjectMapper json;
    private final CatalogConfig config;
    private final CatalogWrites writes;

    public CatalogSeeder(Pool pool, ObjectMapper json, CatalogConfig config, CatalogWrites writes) {
        this.pool = pool;
        this.json = json;
        this.config = config;
        this.writes = writes;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.seed().enabled()) {
            LOG.info("seed disabled (catalog.seed.enabled=false)");
            return;
        }
        SeedCatalog catalog = SeedCatalog.load(json, config.seed().resource());
        // A failure here fails the start: a catalog without its seed would classify every SmartLead tool as unknown.
        int inserted = seed(catalog).await().atMost(Duration.ofSeconds(60));
        LOG.infof("seed %s: %d tools in the file, %d inserted, %d already present",
                catalog.server(), catalog.tools().size(), inserted, catalog.tools().size() - inserted);
    }

    /**
     * Inserts the tools not yet stored; answers how many rows were inserted. The statement commits on its own; after
     * it, a seed that inserted anything invalidates the list cache (no change events: policy-service fetches every
     * server's facts when it starts following them, and seeding happens at catalog start).
     */
    public Uni<Integer> seed(SeedCatalog catalog) {
        ArrayNode rows = json.createArrayNode();
        for (SeedCatalog.SeedTool tool : catalog.tools()) {
            ToolDefinition d = tool.definition();
            ObjectNode row = rows.addObject();
            row.put("name", d.name());
            row.put("title", d.title());
            row.put("description", d.description());
            row.set("input_schema", d.inputSchema());
            row.set("output_schema", d.outputSchema());
            row.set("annotations", d.annotations());
            row.put("category", tool.category().wire());
            row.put("risk", tool.risk().wire());
            row.put("definition_hash", d.hash());
            row.put("reason", tool.basis() == null ? "seed" : "seed: " + tool.basis());
            row.set("flags", json.valueToTree(PoisonDetector.scan(d)));
        }
        return pool.preparedQuery(INSERT)
                .execute(Tuple.of(catalog.server(), rows.toString()))
                .map(result -> result.rowCount())
                .invoke(inserted -> {
                    if (inserted > 0) {
                        writes.committed(List.of());
                    }
                });
    }
}
