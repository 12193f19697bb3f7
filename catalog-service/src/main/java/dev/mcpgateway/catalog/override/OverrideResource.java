package dev.mcpgateway.catalog.override;

import dev.mcpgateway.support.auth.OperatorRole;
import jakarta.annotation.security.RolesAllowed;
import dev.mcpgateway.catalog.tool.ToolView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator overrides of a tool's category and risk, with their history. */
@Path("/api/tools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "overrides")
public class OverrideResource {

    private final OverrideService overrides;

    public OverrideResource(OverrideService overrides) {
        this.overrides = overrides;
    }

    @PATCH
    @Path("/{server}/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @WithSession // the override is its own transaction: the list cache and the change event follow its commit
    @Operation(summary = "Override a tool's category and/or risk; note and author are required")
    @RolesAllowed(OperatorRole.POLICY_MANAGER_NAME)
    public Uni<ToolView> override(@PathParam("server") String server, @PathParam("name") String name, OverrideRequest request) {
        return overrides.override(server, name, request);
    }

    @GET
    @Path("/{server}/{name}/overrides")
    @WithSession
    @Operation(summary = "A tool's override history, oldest first")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<List<OverrideView>> history(@PathParam("server") String server, @PathParam("name") String name) {
        return overrides.history(server, name);
    }
}
