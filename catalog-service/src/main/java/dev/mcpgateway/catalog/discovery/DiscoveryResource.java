package dev.mcpgateway.catalog.discovery;

import dev.mcpgateway.support.auth.OperatorRole;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.catalog.tool.ToolView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Discovery reports from the proxy, and review of changed definitions. */
@Path("/api/tools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "discovery")
public class DiscoveryResource {

    private final DiscoveryService discovery;
    private final DefinitionReview review;

    public DiscoveryResource(DiscoveryService discovery, DefinitionReview review) {
        this.discovery = discovery;
        this.review = review;
    }

    @POST
    @Path("/{server}/discovered")
    @Consumes(MediaType.APPLICATION_JSON)
    @WithSession // the report is its own transaction: its change events go out once it committed
    @Operation(summary = "Report an upstream's complete tools/list result ({\"tools\": [...]} or the bare array)")
    @RolesAllowed(OperatorRole.SERVICE_NAME)
    public Uni<DiscoveryResult> discovered(@PathParam("server") String server, JsonNode body) {
        return discovery.report(server, body);
    }

    @GET
    @Path("/{server}/{name}/versions")
    @WithSession
    @Operation(summary = "Stored definitions of a tool, with the paths a pending definition changes")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<List<VersionView>> versions(@PathParam("server") String server, @PathParam("name") String name) {
        return review.versions(server, name);
    }

    @POST
    @Path("/{server}/{name}/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @WithSession // accepting is its own transaction: the list cache and the change event follow its commit
    @Operation(summary = "Accept a tool's changed definition (author and note required)")
    @RolesAllowed(OperatorRole.POLICY_MANAGER_NAME)
    public Uni<ToolView> accept(@PathParam("server") String server, @PathParam("name") String name, AcceptRequest request) {
        return review.accept(server, name, request);
    }
}
