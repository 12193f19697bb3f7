package dev.mcpgateway.policy.decision;

import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.FilterToolsRequest;
import dev.mcpgateway.contracts.policy.v1.FilterToolsResponse;
import dev.mcpgateway.contracts.policy.v1.PolicyService;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.contracts.policy.v1.SettleResponse;
import dev.mcpgateway.policy.approval.Approvals;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * gRPC PolicyService. With memory counters a decision is computed without blocking, so it runs on
 * the event loop; with Redis counters Decide and Settle move to a worker thread. A
 * {@link DecisionException} becomes its gRPC status (never a decision).
 */
@GrpcService
public class PolicyGrpcService implements PolicyService {
    private static final SettleResponse SETTLED = SettleResponse.getDefaultInstance();

    @Inject
    DecisionService decisions;
    @Inject
    Approvals approvals;

    /**
     * An enforced APPROVAL_REQUIRED goes on to the approvals (standing approval, or a stored request):
     * the one Decide path that touches the database; its failure is "could not decide". Every other
     * decision is answered as it is, without a Mutiny operator chain: at thousands of Decides per
     * second each operator (and the context-propagation wrapper around its lambda) is measurable.
     */
    @Override
    public Uni<DecideResponse> decide(DecideRequest request) {
        if (!decisions.blocking()) {
            DecideResponse r;
            try {
                r = decisions.decide(request);
            } catch (DecisionException e) {
                return Uni.createFrom().failure(e.toStatus());
            }
            return r.getDecision() == Decision.APPROVAL_REQUIRED ? approve(request, r) : Uni.createFrom().item(r);
        }
        return counted(() -> decisions.decide(request))
                .chain(r -> r.getDecision() == Decision.APPROVAL_REQUIRED ? approve(request, r) : Uni.createFrom().item(r));
    }

    private Uni<DecideResponse> approve(DecideRequest request, DecideResponse r) {
        return approvals.afterDecide(request, r)
                .onFailure(t -> !(t instanceof io.grpc.StatusRuntimeException)).transform(t -> new DecisionException(
                        DecisionException.Kind.UNAVAILABLE, "could not decide: the approvals store is unreachable ("
                        + t.getMessage() + ")").toStatus());
    }

    @Override
    public Uni<SettleResponse> settle(SettleRequest request) {
        return counted(() -> {
            decisions.settle(request);
            return SETTLED;
        });
    }

    /** Calls that touch counters: on the event loop with memory counters, on a worker with Redis. */
    private <T> Uni<T> counted(Supplier<T> work) {
        if (!decisions.blocking()) {
            return call(work);
        }
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(DecisionException.class).transform(e -> ((DecisionException) e).toStatus());
    }

    @Override
    public Uni<FilterToolsResponse> filterTools(FilterToolsRequest request) {
        return call(() -> decisions.filterTools(request));
    }

    private static <T> Uni<T> call(Supplier<T> work) {
        try {
            return Uni.createFrom().item(work.get());
        } catch (DecisionException e) {
            return Uni.createFrom().failure(e.toStatus());
        }
    }
}
