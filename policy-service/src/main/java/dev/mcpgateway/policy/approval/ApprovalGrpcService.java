package dev.mcpgateway.policy.approval;

import dev.mcpgateway.contracts.policy.v1.ApprovalService;
import dev.mcpgateway.contracts.policy.v1.ApprovalUpdate;
import dev.mcpgateway.contracts.policy.v1.WaitApprovalRequest;
import dev.mcpgateway.contracts.policy.v1.WithdrawApprovalRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** gRPC ApprovalService for the proxy: the long poll on a held call's request, and its withdrawal. */
@GrpcService
public class ApprovalGrpcService implements ApprovalService {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ApprovalGrpcService.class);
    @Inject
    Approvals approvals;

    @Override
    public Uni<ApprovalUpdate> waitApproval(WaitApprovalRequest request) {
        if (request.getApprovalId().isEmpty()) {
            return invalid();
        }
        return unavailableOnStoreFailure(approvals.await(request.getApprovalId(), request.getWaitMs()));
    }

    @Override
    public Uni<ApprovalUpdate> withdrawApproval(WithdrawApprovalRequest request) {
        if (request.getApprovalId().isEmpty()) {
            if (request.getSessionId().isEmpty() || request.getRequestId().isEmpty()) {
                return Uni.createFrom().failure(Status.INVALID_ARGUMENT
                        .withDescription("approval_id, or session_id and request_id, are required").asRuntimeException());
            }
            return unavailableOnStoreFailure(approvals.withdrawCall(request.getSessionId(), request.getRequestId(),
                    request.getReason()));
        }
        return unavailableOnStoreFailure(approvals.withdraw(request.getApprovalId(), request.getReason()));
    }

    private static Uni<ApprovalUpdate> invalid() {
        return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription("approval_id is required").asRuntimeException());
    }

    /** NOT_FOUND stays as it is; a database failure is UNAVAILABLE, so the proxy retries rather than giving up. */
    private static Uni<ApprovalUpdate> unavailableOnStoreFailure(Uni<ApprovalUpdate> work) {
        return work.onFailure(t -> !(t instanceof StatusRuntimeException)).transform(t -> {
            LOG.warn("approval request could not be read", t);
            return Status.UNAVAILABLE.withDescription("approvals store unreachable: " + t).asRuntimeException();
        });
    }
}
