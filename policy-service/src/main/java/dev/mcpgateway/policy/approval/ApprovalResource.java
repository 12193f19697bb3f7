package dev.mcpgateway.policy.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.support.problem.ApiProblem;
import dev.mcpgateway.support.auth.OperatorRole;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Operator REST API for approvers: list, read, approve (optionally with edited arguments), reject. */
@Path("/api/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {
    private static final int MAX_LIMIT = 1000;

    @Inject
    Approvals approvals;
    @Inject
    SecurityIdentity identity;

    public record ApproveBody(String approver, String note, JsonNode arguments) {
    }

    public record RejectBody(String approver, String reason) {
    }

    /** Newest first; {@code ?status=pending|approved|rejected|expired|withdrawn} filters, {@code ?limit=} (100, ≤ 1000). */
    @GET
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<List<ApprovalView>> list(@QueryParam("status") String status, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiProblem(400, "Bad Request", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        return approvals.list(status(status), limit).map(l -> l.stream().map(this::view).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<ApprovalView> get(@PathParam("id") String id) {
        return approvals.find(id).map(this::view);
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(OperatorRole.APPROVER_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ApprovalView> approve(@PathParam("id") String id, ApproveBody body) {
        if (body == null || blank(body.approver())) {
            throw new ApiProblem(400, "Bad Request",
                    "The body must be {\"approver\": ..., \"note\"?: ..., \"arguments\"?: {...}} with a non-empty approver.");
        }
        return approvals.approve(id, body.approver().strip(), body.note(), body.arguments()).map(ApprovalView::of);
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(OperatorRole.APPROVER_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ApprovalView> reject(@PathParam("id") String id, RejectBody body) {
        if (body == null || blank(body.approver()) || blank(body.reason())) {
            throw new ApiProblem(400, "Bad Request",
                    "The body must be {\"approver\": ..., \"reason\": ...}, both non-empty: the agent is told the reason.");
        }
        return approvals.reject(id, body.approver().strip(), body.reason()).map(ApprovalView::of);
    }

    /** Arguments are for approvers: a viewer sees the request without them (and without edited ones). */
    private ApprovalView view(ApprovalRequest a) {
        ApprovalView v = ApprovalView.of(a);
        return identity.hasRole(OperatorRole.APPROVER_NAME) ? v : v.withoutArguments();
    }

    private static RequestStatus status(String s) {
        if (blank(s)) {
            return null;
        }
        try {
            return RequestStatus.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "Bad Request", "status must be one of "
                    + Arrays.stream(RequestStatus.values()).map(RequestStatus::db).toList() + ".");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
