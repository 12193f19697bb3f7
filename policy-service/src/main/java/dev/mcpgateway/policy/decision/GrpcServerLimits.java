package dev.mcpgateway.policy.decision;

import dev.mcpgateway.policy.PolicyConfig;
import io.quarkus.arc.Unremovable;
import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.vertx.grpc.VertxServerBuilder;
import jakarta.inject.Singleton;

/**
 * Bounds the gRPC server's streams per connection ({@code policy.max-concurrent-calls-per-connection}): Quarkus
 * exposes no setting for it on the separate (grpc-java Netty) server, which serves Decide because it costs about a
 * third less CPU per call than the Vert.x server on the HTTP port and keeps the tail at 5,000 Decides/s in
 * milliseconds instead of hundreds (docs/benchmarks.md).
 */
@Singleton
@Unremovable // looked up by Quarkus' gRPC server recorder, never injected: without this ArC drops it as unused
public class GrpcServerLimits implements ServerBuilderCustomizer<VertxServerBuilder> {
    private final int maxCallsPerConnection;

    public GrpcServerLimits(PolicyConfig config) {
        this.maxCallsPerConnection = config.maxConcurrentCallsPerConnection();
    }

    @Override
    public void customize(GrpcServerConfiguration config, VertxServerBuilder builder) {
        builder.nettyBuilder().maxConcurrentCallsPerConnection(maxCallsPerConnection);
    }
}
