package dev.mcpgateway.proxy.policy;

import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.FilterToolsRequest;
import dev.mcpgateway.contracts.policy.v1.MutinyGrantServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.MutinyPolicyServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.ResolveGrantRequest;
import dev.mcpgateway.contracts.policy.v1.ResolveGrantResponse;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.proxy.ProxyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link PolicyGateway} over gRPC (client {@code policy}: PolicyService and GrantService share one channel). */
@ApplicationScoped
public class GrpcPolicyGateway implements PolicyGateway {

    private final MutinyPolicyServiceGrpc.MutinyPolicyServiceStub policy;
    private final MutinyGrantServiceGrpc.MutinyGrantServiceStub grants;
    private final long deadlineMs;
    private final Timer decideOk;
    private final Timer decideError;

    public GrpcPolicyGateway(@GrpcClient("policy") MutinyPolicyServiceGrpc.MutinyPolicyServiceStub policy,
                             @GrpcClient("policy") MutinyGrantServiceGrpc.MutinyGrantServiceStub grants,
                             ProxyConfig config, MeterRegistry registry) {
        this.policy = policy;
        this.grants = grants;
        this.deadlineMs = config.policy().timeout().toMillis();
        this.decideOk = decideTimer(registry, "ok");
        this.decideError = decideTimer(registry, "error");
    }

    /** Decide as the proxy sees it (network included); a histogram (see metrics.ProxyMeterFilters). */
    private static Timer decideTimer(MeterRegistry registry, String result) {
        return Timer.builder("mcp.proxy.decide.duration").description("Time policy-service took to answer Decide, as the proxy sees it")
                .tag("result", result).register(registry);
    }

    @Override
    public Uni<ResolveGrantResponse> resolveGrant(String token) {
        return grants.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS)
                .resolveGrant(ResolveGrantRequest.newBuilder().setToken(token).build());
    }

    @Override
    public Uni<DecideResponse> decide(DecideRequest request) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return policy.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS).decide(request)
                    .onItemOrFailure().invoke((r, t) -> (t == null ? decideOk : decideError)
                            .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        });
    }

    @Override
    public Uni<Void> settle(SettleRequest request) {
        return policy.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS).settle(request).replaceWithVoid();
    }

    @Override
    public Uni<List<String>> filterTools(FilterToolsRequest request) {
        return policy.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS).filterTools(request)
                .map(r -> List.copyOf(r.getVisibleList()));
    }
}
