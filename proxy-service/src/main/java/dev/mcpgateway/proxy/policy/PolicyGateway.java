package dev.mcpgateway.proxy.policy;

import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.FilterToolsRequest;
import dev.mcpgateway.contracts.policy.v1.ResolveGrantResponse;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * What the proxy asks policy-service. An interface so the hot-path stages are unit-tested with fakes;
 * every failure (gRPC status, deadline) arrives as a failed Uni and is never turned into a decision here.
 */
public interface PolicyGateway {

    Uni<ResolveGrantResponse> resolveGrant(String token);

    Uni<DecideResponse> decide(DecideRequest request);

    Uni<Void> settle(SettleRequest request);

    Uni<List<String>> filterTools(FilterToolsRequest request);
}
