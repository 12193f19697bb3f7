package dev.mcpgateway.catalog.tool;

import dev.mcpgateway.support.auth.OperatorRole;
import jakarta.annotation.security.RolesAllowed;
import dev.mcpgateway.support.problem.ApiProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Read side of the catalog: list, get one, counts. */
@Path("/api/tools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tools")
public class ToolResource {

    private final ToolQueries queries;
    private final ToolFilterParser parser;

    public ToolResource(ToolQueries queries, ToolFilterParser parser) {
        this.queries = queries;
        this.parser = parser;
    }

    @GET
    @WithSession
    @Operation(summary = "List tools, sorted by server and name")
    @RolesAllowed({OperatorRole.VIEWER_NAME, OperatorRole.SERVICE_NAME})
    public Uni<ToolPage> list(
            @Parameter(description = "exact server name") @QueryParam("server") String server,
            @Parameter(description = "read, write, execute, destructive or financial") @QueryParam("category") String category,
            @Parameter(description = "low, medium, high or critical") @QueryParam("risk") String risk,
            @Parameter(description = "active, changed or removed") @QueryParam("status") String status,
            @Parameter(description = "case-insensitive text in the name or description") @QueryParam("q") String q,
            @Parameter(description = "0-based page number; default 0") @QueryParam("page") String page,
            @Parameter(description = "page size; default 200, at most 500") @QueryParam("size") String size) {
        return queries.list(parser.parse(server, category, risk, status, q, page, size));
    }

    @GET
    @Path("/counts")
    @WithSession
    @Operation(summary = "Tool counts by category × risk")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<CategoryRiskCounts> counts(@QueryParam("server") String server, @QueryParam("status") String status) {
        Optional<String> s = Optional.ofNullable(server).filter(v -> !v.isBlank());
        Optional<ToolStatus> st = Optional.ofNullable(status).filter(v -> !v.isBlank())
                .map(v -> WireEnum.parse(ToolStatus.class, "status", v));
        return queries.counts(s, st);
    }

    @GET
    @Path("/{server}/{name}")
    @WithSession
    @Operation(summary = "One tool")
    @RolesAllowed({OperatorRole.VIEWER_NAME, OperatorRole.SERVICE_NAME})
    public Uni<ToolView> get(@PathParam("server") String server, @PathParam("name") String name) {
        return Tool.findByKey(server, name).map(tool -> {
            if (tool == null) {
                throw ApiProblem.notFound("No tool '" + name + "' on server '" + server + "'");
            }
            return ToolView.of(tool);
        });
    }
}
