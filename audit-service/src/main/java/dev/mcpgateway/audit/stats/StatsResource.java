package dev.mcpgateway.audit.stats;

import dev.mcpgateway.support.auth.OperatorRole;
import jakarta.annotation.security.RolesAllowed;
import dev.mcpgateway.audit.AuditConfig;
import dev.mcpgateway.audit.event.AuditEventStore;
import dev.mcpgateway.audit.event.EventFilter;
import dev.mcpgateway.audit.event.FilterParams;
import dev.mcpgateway.support.problem.ApiProblem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestQuery;

/** Counts of decisions per time bucket, split by decision, tool or risk: the data behind a dashboard chart. */
@Path("/api/audit/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    /** Without {@code from}, stats cover this much recent time: an unbounded count over the whole log is never cheap. */
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);

    private final AuditEventStore store;
    private final AuditConfig config;

    public StatsResource(AuditEventStore store, AuditConfig config) {
        this.store = store;
        this.config = config;
    }

    public record Bucket(Instant start, Map<String, Long> counts) {
    }

    public record Stats(String by, String bucket, Instant from, Instant to, List<Bucket> buckets) {
    }

    @GET
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<Stats> stats(@BeanParam FilterParams params, @RestQuery String by, @RestQuery String bucket) {
        StatsDimension dimension = StatsDimension.parse(by);
        StatsBucket width = StatsBucket.parse(bucket);
        EventFilter requested = params.toFilter();
        Instant to = requested.to() != null ? requested.to() : Instant.now();
        EventFilter filter = requested.from() != null ? requested : requested.withFrom(to.minus(DEFAULT_RANGE));
        long buckets = Duration.between(filter.from(), to).dividedBy(width.width) + 1;
        if (buckets > config.query().maxBuckets()) {
            throw ApiProblem.badRequest("the range spans " + buckets + " " + width.field() + " buckets; at most "
                    + config.query().maxBuckets() + " — narrow the range or use a wider bucket");
        }
        EventFilter.Where where = filter.where(null);
        String sql = "SELECT date_trunc('" + width.field() + "', occurred_at AT TIME ZONE 'UTC') AS bucket, "
                + dimension.sql + " AS key, count(*) AS n FROM audit_event WHERE " + where.sql()
                + " GROUP BY 1, 2 ORDER BY 1, 2";
        Instant from = filter.from();
        return store.aggregate(sql, where.params()).map(rows -> new Stats(dimension.name().toLowerCase(java.util.Locale.ROOT),
                width.field(), from, to, group(rows)));
    }

    /** Rows arrive ordered by bucket: fold consecutive rows of one bucket into one entry. */
    static List<Bucket> group(List<Object[]> rows) {
        List<Bucket> out = new ArrayList<>();
        Instant current = null;
        Map<String, Long> counts = null;
        for (Object[] row : rows) {
            Instant start = toInstant(row[0]);
            if (!start.equals(current)) {
                current = start;
                counts = new LinkedHashMap<>();
                out.add(new Bucket(start, counts));
            }
            counts.put(String.valueOf(row[1]), ((Number) row[2]).longValue());
        }
        return out;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected bucket type " + value.getClass());
    }
}
