package dev.mcpgateway.policy.grant;

import dev.mcpgateway.contracts.policy.v1.GrantService;
import dev.mcpgateway.contracts.policy.v1.ResolveGrantRequest;
import dev.mcpgateway.contracts.policy.v1.ResolveGrantResponse;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * gRPC GrantService: the proxy turns a bearer token into a grant. Resolved against PostgreSQL, so a
 * revocation on any replica is effective on the next ResolveGrant everywhere (the proxy caches
 * answers briefly); the database being down is UNAVAILABLE, never a guess.
 */
@GrpcService
public class GrantGrpcService implements GrantService {
    private static final Logger LOG = Logger.getLogger(GrantGrpcService.class);

    @Inject
    GrantStore store;
    @Inject
    GrantRegistry grants;

    @Override
    public Uni<ResolveGrantResponse> resolveGrant(ResolveGrantRequest request) {
        String token = request.getToken();
        if (token == null || token.isEmpty()) {
            return Uni.createFrom().failure(unknown());
        }
        return store.liveByHash(TokenHash.of(token))
                .onFailure().transform(e -> {
                    LOG.warn("ResolveGrant: the grant store is unreachable", e);
                    return Status.UNAVAILABLE.withDescription("could not resolve the token: grant store unreachable")
                            .asRuntimeException();
                })
                .map(g -> {
                    if (g == null) {
                        throw unknown();
                    }
                    // A grant created on another replica is known to this one's Decide at once.
                    grants.put(g.toGrant());
                    return ResolveGrantResponse.newBuilder().setGrantId(g.id).setGrantName(g.name)
                            .setServer(g.server).setPolicyId(g.policyId).build();
                });
    }

    private static RuntimeException unknown() {
        return Status.UNAUTHENTICATED.withDescription("the token matches no live grant").asRuntimeException();
    }
}
