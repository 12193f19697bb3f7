package dev.mcpgateway.policy.decision;

import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.FilterToolsRequest;
import dev.mcpgateway.contracts.policy.v1.FilterToolsResponse;
import dev.mcpgateway.contracts.policy.v1.PolicyService;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.contracts.policy.v1.SettleResponse;
import dev.mcpgateway.policy.Async;
import dev.mcpgateway.policy.approval.Approvals;
import dev.mcpgateway.policy.limit.CounterStoreUnavailableException;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * gRPC PolicyService. Nothing here blocks: with memory counters a decision is computed on the event loop; with
 * Redis counters the reservation is sent without waiting and the answer goes out when Redis replies. Decides and
 * Settles in flight are bounded ({@link InFlight}); past the bound a call is refused at once. A
 * {@link DecisionException} becomes its gRPC status (never a decision).
 */
@GrpcService
public class PolicyGrpcService implements PolicyService {
    private static final SettleResponse SETTLED = SettleResponse.getDefaultInstance();

    @Inject
    DecisionService decisions;
    @Inject
    Approvals approvals;
    @Inject
    InFlight inFlight;

    /**
     * An enforced APPROVAL_REQUIRED goes on to the approvals (standing approval, or a stored request):
     * the one Decide path that touches the database; its failure is "could not decide". With memory counters
     * every other decision is answered as it is, without a Mutiny operator chain: at thousands of Decides per
     * second each operator (and the context-propagation wrapper around its lambda) is measurable.
     */
    @Override
    public Uni<DecideResponse> decide(DecideRequest request) {
        if (!inFlight.tryAcquire()) {
            return Uni.createFrom().failure(inFlight.shed(InFlight.Method.Decide));
        }
        if (decisions.blocking()) {
            // The reservation completes on the Redis connection's event loop; the approvals store (Hibernate
            // Reactive) must run on this call's own Vert.x context, so an approval goes back there first.
            Context call = Vertx.currentContext();
            return answered(decisions.decideAsync(request))
                    .chain(r -> r.getDecision() == Decision.APPROVAL_REQUIRED ? Async.runOn(call, () -> approve(request, r))
                            : Uni.createFrom().item(r))
                    .onTermination().invoke(inFlight::release);
        }
        DecideResponse r;
        try {
            r = decisions.decide(request);
        } catch (DecisionException e) {
            inFlight.release();
            return Uni.createFrom().failure(e.toStatus());
        }
        if (r.getDecision() != Decision.APPROVAL_REQUIRED) {
            inFlight.release();
            return Uni.createFrom().item(r);
        }
        return approve(request, r).onTermination().invoke(inFlight::release);
    }

    private Uni<DecideResponse> approve(DecideRequest request, DecideResponse r) {
        return approvals.afterDecide(request, r)
                .onFailure(t -> !(t instanceof io.grpc.StatusRuntimeException)).transform(t -> new DecisionException(
                        DecisionException.Kind.UNAVAILABLE, Async.cause(t) instanceof CounterStoreUnavailableException u
                        ? "could not decide: " + u.getMessage()
                        : "could not decide: the approvals store is unreachable (" + t.getMessage() + ")").toStatus());
    }

    @Override
    public Uni<SettleResponse> settle(SettleRequest request) {
        if (!inFlight.tryAcquire()) {
            return Uni.createFrom().failure(inFlight.shed(InFlight.Method.Settle));
        }
        if (decisions.blocking()) {
            return answered(decisions.settleAsync(request)).replaceWith(SETTLED).onTermination().invoke(inFlight::release);
        }
        try {
            return call(() -> {
                decisions.settle(request);
                return SETTLED;
            });
        } finally {
            inFlight.release();
        }
    }

    /** The stage's result, or its {@link DecisionException} as the gRPC status. */
    private static <T> Uni<T> answered(CompletionStage<T> pending) {
        return Uni.createFrom().completionStage(pending).onFailure().transform(t -> {
            Throwable cause = Async.cause(t);
            return cause instanceof DecisionException d ? d.toStatus() : cause;
        });
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
