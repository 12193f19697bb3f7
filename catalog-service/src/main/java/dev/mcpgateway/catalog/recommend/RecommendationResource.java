package dev.mcpgateway.catalog.recommend;

import dev.mcpgateway.support.auth.OperatorRole;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recommended policy rules by category and risk (see {@link RuleTable}), per tool, per server, and as a starter policy. */
@Path("/api/tools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "recommendations")
public class RecommendationResource {

    private final RecommendationService recommendations;

    public RecommendationResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @GET
    @Path("/{server}/{name}/recommendation")
    @WithSession
    @Operation(summary = "The policy rule recommended for one tool, with one line of reasoning")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<Recommendation> recommendation(@PathParam("server") String server, @PathParam("name") String name) {
        return recommendations.forTool(server, name);
    }

    @GET
    @Path("/{server}/recommendations")
    @WithSession
    @Operation(summary = "The recommended rule for every tool of a server, sorted by name")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<List<Recommendation>> recommendations(@PathParam("server") String server) {
        return recommendations.forServer(server);
    }

    @GET
    @Path("/{server}/starter-policy")
    @WithSession
    @Operation(summary = "A starter policy document for a server, to review and then PUT to policy-service")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<ObjectNode> starterPolicy(@PathParam("server") String server) {
        return recommendations.starterPolicy(server);
    }
}
