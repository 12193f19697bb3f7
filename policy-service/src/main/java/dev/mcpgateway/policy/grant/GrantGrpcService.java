package dev.mcpgateway.policy.grant;

import dev.mcpgateway.contracts.policy.v1.GrantService;
import dev.mcpgateway.contracts.policy.v1.ResolveGrantRequest;
import dev.mcpgateway.contracts.policy.v1.ResolveGrantResponse;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** gRPC GrantService: the proxy turns a bearer token into a grant. */
@GrpcService
public class GrantGrpcService implements GrantService {
    @Inject
    GrantRegistry grants;

    @Override
    public Uni<ResolveGrantResponse> resolveGrant(ResolveGrantRequest request) {
        return Uni.createFrom().item(() -> grants.byToken(request.getToken())
                .map(g -> ResolveGrantResponse.newBuilder().setGrantId(g.id()).setGrantName(g.name())
                        .setServer(g.server()).setPolicyId(g.policyId()).build())
                .orElseThrow(() -> Status.UNAUTHENTICATED
                        .withDescription("the token matches no live grant").asRuntimeException()));
    }
}
