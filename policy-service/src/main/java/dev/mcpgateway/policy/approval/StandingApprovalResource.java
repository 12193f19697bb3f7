package dev.mcpgateway.policy.approval;

import dev.mcpgateway.support.problem.ApiProblem;
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
import java.util.List;

/** Standing approvals: "allow this tool for this grant for the next N calls or T minutes"; revocable. */
@Path("/api/approvals/standing")
@Produces(MediaType.APPLICATION_JSON)
public class StandingApprovalResource {
    /** A week: longer standing approvals should be a policy change instead. */
    private static final int MAX_MINUTES = 7 * 24 * 60;

    @Inject
    Approvals approvals;
    @Inject
    SecurityIdentity identity;

    public record StandingBody(String grant, String tool, Integer calls, Integer minutes, String approver, String note) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(OperatorRole.APPROVER_NAME)
    public Uni<Response> create(StandingBody body) {
        if (body == null || ApprovalResource.blank(body.grant()) || ApprovalResource.blank(body.tool())
                || ApprovalResource.blank(body.approver()) || (body.calls() == null && body.minutes() == null)) {
            throw new ApiProblem(400, "Bad Request", "The body must be {\"grant\": ..., \"tool\": ..., \"approver\": ..., "
                    + "\"calls\"?: N, \"minutes\"?: T, \"note\"?: ...} with calls or minutes (or both).");
        }
        if (body.calls() != null && body.calls() < 1) {
            throw new ApiProblem(400, "Bad Request", "calls must be at least 1.");
        }
        if (body.minutes() != null && (body.minutes() < 1 || body.minutes() > MAX_MINUTES)) {
            throw new ApiProblem(400, "Bad Request", "minutes must be between 1 and " + MAX_MINUTES + ".");
        }
        return approvals.grantStanding(body.grant().strip(), body.tool().strip(), body.calls(), body.minutes(),
                        body.approver().strip(), body.note())
                .map(s -> Response.status(201).entity(StandingView.of(s, approvals.now())).build());
    }

    /** Live ones; {@code ?include_revoked=true} adds revoked ones. Used-up and expired ones show {@code active: false}. */
    @GET
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<List<StandingView>> list(@QueryParam("include_revoked") boolean includeRevoked) {
        return approvals.standingList(includeRevoked)
                .map(l -> l.stream().map(s -> StandingView.of(s, approvals.now())).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<StandingView> get(@PathParam("id") String id) {
        return approvals.standing(id).map(s -> StandingView.of(s, approvals.now()));
    }

    /** Revokes at once for every later Decide on every replica (Decide reads the row). Who: {@code X-Actor} or {@code ?approver=}. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(OperatorRole.APPROVER_NAME)
    public Uni<Response> revoke(@PathParam("id") String id, @HeaderParam("X-Actor") String actor,
                                @QueryParam("approver") String approver) {
        String by = Actor.of(!ApprovalResource.blank(actor) ? actor : approver, identity);
        return approvals.revokeStanding(id, by).map(s -> Response.noContent().build());
    }
}
