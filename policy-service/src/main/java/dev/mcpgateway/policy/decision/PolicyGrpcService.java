package dev.mcpgateway.policy.decision;

import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.FilterToolsRequest;
import dev.mcpgateway.contracts.policy.v1.FilterToolsResponse;
import dev.mcpgateway.contracts.policy.v1.PolicyService;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.contracts.policy.v1.SettleResponse;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * gRPC PolicyService. Decisions are computed from memory without blocking, so they run on the
 * event loop; a {@link DecisionException} becomes its gRPC status (never a decision).
 */
@GrpcService
public class PolicyGrpcService implements PolicyService {
    private static final SettleResponse SETTLED = SettleResponse.getDefaultInstance();

    @Inject
    DecisionService decisions;

    @Override
    public Uni<DecideResponse> decide(DecideRequest request) {
        return call(() -> decisions.decide(request));
    }

    @Override
    public Uni<SettleResponse> settle(SettleRequest request) {
        return call(() -> {
            decisions.settle(request);
            return SETTLED;
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
