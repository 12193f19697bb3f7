package dev.mcpgateway.policy.grant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mcpgateway.policy.PolicyConfig;
import dev.mcpgateway.support.problem.ApiProblem;
import dev.mcpgateway.policy.store.PolicyStore;
import dev.mcpgateway.policy.api.Actor;
import dev.mcpgateway.support.auth.OperatorRole;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Operator REST API for grants. The token is shown once, in the creation response; never again. */
@Path("/api/grants")
@Produces(MediaType.APPLICATION_JSON)
public class GrantResource {
    @Inject
    GrantStore store;
    @Inject
    PolicyStore policies;
    @Inject
    GrantRegistry registry;
    @Inject
    PolicyConfig config;
    @Inject
    SecurityIdentity identity;

    public record CreateGrant(String name, String server, String policy) {
    }

    /** A grant as listed: never the token, never its hash. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GrantView(String id, String name, String server, String policy,
                            @JsonProperty("created_at") Instant createdAt, @JsonProperty("created_by") String createdBy,
                            @JsonProperty("revoked_at") Instant revokedAt, @JsonProperty("revoked_by") String revokedBy,
                            String token) {
        static GrantView of(GrantRecord g, String token) {
            return new GrantView(g.id, g.name, g.server, g.policyId, g.createdAt, g.createdBy, g.revokedAt,
                    g.revokedBy, token);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(OperatorRole.POLICY_MANAGER_NAME)
    public Uni<Response> create(@HeaderParam("X-Actor") String actor, CreateGrant req) {
        if (req == null || blank(req.name()) || blank(req.server()) || blank(req.policy())) {
            throw new ApiProblem(400, "Bad Request",
                    "The body must be {\"name\": ..., \"server\": ..., \"policy\": ...}, all non-empty.");
        }
        return policies.exists(req.policy()).flatMap(exists -> {
            if (!exists) {
                throw new ApiProblem(422, "Unknown policy",
                        "No policy '" + req.policy() + "' exists; store it first (PUT /api/policies/" + req.policy() + ").");
            }
            String token = GrantTokens.newToken(config.grants().tokenPrefix());
            GrantRecord g = new GrantRecord();
            g.id = UUID.randomUUID().toString();
            g.name = req.name().strip();
            g.server = req.server().strip();
            g.policyId = req.policy().strip();
            g.tokenHash = TokenHash.of(token);
            g.createdAt = Instant.now();
            g.createdBy = Actor.of(actor, identity);
            return store.create(g).map(saved -> {
                registry.put(saved.toGrant());
                return Response.status(201).entity(GrantView.of(saved, token)).build();
            });
        });
    }

    /** Live grants; {@code ?include_revoked=true} lists revoked ones too. */
    @GET
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<List<GrantView>> list(@QueryParam("include_revoked") boolean includeRevoked) {
        return store.list(includeRevoked).map(gs -> gs.stream().map(g -> GrantView.of(g, null)).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<GrantView> get(@PathParam("id") String id) {
        return store.byId(id).map(g -> GrantView.of(found(id, g), null));
    }

    /** Revokes: effective at once for ResolveGrant everywhere, and for Decide on this replica (others within a poll). */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(OperatorRole.POLICY_MANAGER_NAME)
    public Uni<Response> revoke(@PathParam("id") String id, @HeaderParam("X-Actor") String actor) {
        return store.revoke(id, Actor.of(actor, identity)).map(g -> {
            found(id, g);
            registry.remove(id);
            return Response.noContent().build();
        });
    }

    private static GrantRecord found(String id, GrantRecord g) {
        if (g == null) {
            throw new ApiProblem(404, "Not Found", "No grant '" + id + "'.");
        }
        return g;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
