package dev.mcpgateway.audit.export;

import dev.mcpgateway.support.auth.OperatorRole;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.audit.AuditConfig;
import dev.mcpgateway.audit.event.AuditEvent;
import dev.mcpgateway.audit.event.AuditEventStore;
import dev.mcpgateway.audit.event.Cursor;
import dev.mcpgateway.audit.event.EventFilter;
import dev.mcpgateway.audit.event.FilterParams;
import dev.mcpgateway.support.problem.ApiProblem;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Streams any filtered range, newest first, as NDJSON or CSV. It walks the range page by page with the same
 * keyset as the list API, so memory holds one page whatever the range, and the response starts at once.
 */
@Path("/api/audit/export")
public class ExportResource {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    private final AuditEventStore store;
    private final AuditConfig config;
    private final ObjectMapper json;

    public ExportResource(AuditEventStore store, AuditConfig config, ObjectMapper json) {
        this.store = store;
        this.config = config;
        this.json = json;
    }

    @GET
    // One declared type: RESTEasy streams a Multi only with a fixed media type. The real one (NDJSON or CSV)
    // is set per request through the RestMulti header below, which the streaming writer honours.
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public RestMulti<String> export(@BeanParam FilterParams params, @RestQuery String format) {
        boolean csv = csv(format);
        EventFilter filter = params.toFilter();
        Multi<String> rows = events(filter).map(e -> csv ? CsvFormat.row(e, json) : ndjson(e));
        Multi<String> body = csv ? Multi.createBy().concatenating().streams(Multi.createFrom().item(CsvFormat.HEADER), rows)
                : rows;
        return RestMulti.fromMultiData(body)
                .header("Content-Type", (csv ? CSV : NDJSON) + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"audit-events." + (csv ? "csv" : "ndjson") + "\"")
                .build();
    }

    private Multi<DecisionEventV1> events(EventFilter filter) {
        int pageSize = config.export().pageSize();
        AtomicReference<Cursor> position = new AtomicReference<>();
        return Multi.createBy().repeating()
                .uni(() -> store.page(filter, position.get(), pageSize).invoke(rows -> {
                    if (!rows.isEmpty()) {
                        AuditEvent last = rows.get(rows.size() - 1);
                        position.set(new Cursor(last.occurredAt, last.decisionId));
                    }
                }))
                .whilst(rows -> rows.size() == pageSize)
                .onItem().transformToIterable(rows -> rows.stream().map(AuditEvent::toEvent).toList());
    }

    private String ndjson(DecisionEventV1 event) {
        try {
            return json.writeValueAsString(event) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean csv(String format) {
        String f = format == null || format.isBlank() ? "ndjson" : format.strip().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "csv" -> true;
            case "ndjson" -> false;
            default -> throw ApiProblem.badRequest("unknown format '" + format.strip() + "'; allowed: ndjson, csv");
        };
    }

}
