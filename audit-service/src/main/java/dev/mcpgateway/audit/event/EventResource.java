package dev.mcpgateway.audit.event;

import dev.mcpgateway.support.auth.OperatorRole;
import jakarta.annotation.security.RolesAllowed;
import dev.mcpgateway.audit.AuditConfig;
import dev.mcpgateway.support.problem.ApiProblem;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The audit log's query API: filtered, keyset-paged, newest first. */
@Path("/api/audit/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    private final AuditEventStore store;
    private final AuditConfig config;

    public EventResource(AuditEventStore store, AuditConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<EventPage> list(@BeanParam FilterParams params, @RestQuery String limit, @RestQuery String cursor) {
        EventFilter filter = params.toFilter();
        int size = EventFilterParser.limit(limit, config.query().defaultLimit(), config.query().maxLimit());
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor.strip());
        return store.page(filter, after, size + 1).map(rows -> EventPage.of(rows, size));
    }

    @GET
    @Path("/{decisionId}")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<DecisionEventV1> get(@RestPath String decisionId) {
        return store.find(decisionId)
                .onItem().ifNull().failWith(() -> ApiProblem.notFound("no audit event with decision id '"
                        + (decisionId.length() > 64 ? decisionId.substring(0, 64) + "…" : decisionId) + "'"))
                .map(AuditEvent::toEvent);
    }
}
