package dev.mcpgateway.catalog.recommend;

import dev.mcpgateway.support.auth.OperatorRole;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.support.problem.ApiProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/policies/starter?server=…}: generates (does not store) a starter policy. Policies are stored by
 * policy-service; this path only mirrors its {@code /api/policies} vocabulary for the operator.
 */
@Path("/api/policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "recommendations")
public class StarterPolicyResource {

    private final RecommendationService recommendations;

    public StarterPolicyResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @POST
    @Path("/starter")
    @WithSession
    @Operation(summary = "Generate a starter policy document for a server (same as GET /api/tools/{server}/starter-policy)")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<ObjectNode> starter(@QueryParam("server") String server) {
        if (server == null || server.isBlank()) {
            throw ApiProblem.badRequest("query parameter 'server' is required, e.g. ?server=smartlead");
        }
        return recommendations.starterPolicy(server.trim());
    }
}
