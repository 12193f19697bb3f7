package dev.mcpgateway.catalog.tool;

import dev.mcpgateway.catalog.CatalogConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The gauge {@code catalog_tools{server, risk, status}}: tools in the catalog, re-counted from the database every
 * {@code catalog.metrics.refresh-interval} (a scrape must never wait on PostgreSQL). Every risk × status cell of a
 * known server is reported, zeros included, so "tools whose definition changed" is a series at 0 rather than
 * absent; the same goes for the counter {@code catalog_definition_changes_total{server}}. Labels are bounded: servers are the configured upstreams, risk and status are enums.
 * Every replica reports the whole table: aggregate with max, not sum.
 */
@ApplicationScoped
public class ToolCountGauges {

    static final String METRIC = "catalog.tools";
    /** Incremented by discovery; registered here at 0 per server so a rate over it exists before the first change. */
    static final String CHANGES = "catalog.definition.changes";
    static final String COUNT = "SELECT server, risk, status, count(*) AS n FROM tool GROUP BY server, risk, status";
    private static final Logger LOG = Logger.getLogger(ToolCountGauges.class);

    record Cell(String server, Risk risk, ToolStatus status) {
    }

    private final Pool pool;
    private final MeterRegistry registry;
    private final Vertx vertx;
    private final CatalogConfig config;
    private final Map<Cell, AtomicLong> cells = new ConcurrentHashMap<>();
    private volatile long timer = -1;

    public ToolCountGauges(Pool pool, MeterRegistry registry, Vertx vertx, CatalogConfig config) {
        this.pool = pool;
        this.registry = registry;
        this.vertx = vertx;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
        timer = vertx.setPeriodic(config.metrics().refreshInterval().toMillis(), id -> refresh());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Re-counts; a failed count keeps the last values (the database's health is reported by readiness, not here). */
    void refresh() {
        count().subscribe().with(this::update, e -> LOG.debugf("tool count for metrics failed: %s", e.toString()));
    }

    Uni<Map<Cell, Long>> count() {
        return pool.query(COUNT).execute().map(rows -> {
            Map<Cell, Long> counts = new HashMap<>();
            for (Row row : rows) {
                Cell cell = new Cell(row.getString("server"), Risk.fromWire(row.getString("risk")),
                        ToolStatus.fromWire(row.getString("status")));
                counts.merge(cell, row.getLong("n"), Long::sum);
            }
            return counts;
        });
    }

    /** Sets every gauge from one count: cells absent from it drop to 0, every cell of a new server appears. */
    void update(Map<Cell, Long> counts) {
        for (Cell c : counts.keySet()) {
            if (cells.keySet().stream().noneMatch(k -> k.server().equals(c.server()))) {
                registry.counter(CHANGES, "server", c.server());
                for (Risk r : Risk.values()) {
                    for (ToolStatus s : ToolStatus.values()) {
                        cells.computeIfAbsent(new Cell(c.server(), r, s), this::register);
                    }
                }
            }
        }
        cells.forEach((cell, value) -> value.set(counts.getOrDefault(cell, 0L)));
    }

    private AtomicLong register(Cell cell) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(METRIC, value, AtomicLong::get)
                .description("Tools in the catalog by server, risk and status (changed = a definition nobody accepted yet)")
                .tag("server", cell.server()).tag("risk", cell.risk().wire()).tag("status", cell.status().wire())
                .register(registry);
        return value;
    }
}
