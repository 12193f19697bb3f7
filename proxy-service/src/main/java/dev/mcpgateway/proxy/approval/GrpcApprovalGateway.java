package dev.mcpgateway.proxy.approval;

import dev.mcpgateway.contracts.policy.v1.ApprovalUpdate;
import dev.mcpgateway.contracts.policy.v1.MutinyApprovalServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.WaitApprovalRequest;
import dev.mcpgateway.contracts.policy.v1.WithdrawApprovalRequest;
import dev.mcpgateway.proxy.ProxyConfig;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * {@link ApprovalGateway} over gRPC, on the {@code approvals} channel (its own connection to policy-service, so long
 * polls never hold the streams Decide needs); a long poll gets its wait plus the usual deadline.
 */
@ApplicationScoped
public class GrpcApprovalGateway implements ApprovalGateway {

    private final MutinyApprovalServiceGrpc.MutinyApprovalServiceStub approvals;
    private final long deadlineMs;

    public GrpcApprovalGateway(@GrpcClient("approvals") MutinyApprovalServiceGrpc.MutinyApprovalServiceStub approvals,
                               ProxyConfig config) {
        this.approvals = approvals;
        this.deadlineMs = config.policy().timeout().toMillis();
    }

    @Override
    public Uni<ApprovalUpdate> await(String approvalId, long waitMs) {
        return approvals.withDeadlineAfter(waitMs + deadlineMs, TimeUnit.MILLISECONDS)
                .waitApproval(WaitApprovalRequest.newBuilder().setApprovalId(approvalId).setWaitMs(waitMs).build());
    }

    @Override
    public Uni<ApprovalUpdate> withdraw(String approvalId, String reason) {
        return approvals.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS)
                .withdrawApproval(WithdrawApprovalRequest.newBuilder().setApprovalId(approvalId).setReason(reason).build());
    }

    @Override
    public Uni<ApprovalUpdate> withdrawCall(String sessionId, String requestId, String reason) {
        return approvals.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS)
                .withdrawApproval(WithdrawApprovalRequest.newBuilder().setSessionId(sessionId).setRequestId(requestId)
                        .setReason(reason).build());
    }
}
