package dev.mcpgateway.policy.decision;

import dev.mcpgateway.policy.PolicyConfig;
import io.grpc.ServerBuilder;
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
@SuppressWarnings("rawtypes") // a CDI bean may not be generic; Quarkus hands every server's builder to every customizer
public class GrpcServerLimits implements ServerBuilderCustomizer {
    private final int maxCallsPerConnection;

    public GrpcServerLimits(PolicyConfig config) {
        this.maxCallsPerConnection = config.maxConcurrentCallsPerConnection();
    }

    @Override
    public void customize(GrpcServerConfiguration config, ServerBuilder builder) {
        if (builder instanceof VertxServerBuilder vertx) {
            vertx.nettyBuilder().maxConcurrentCallsPerConnection(maxCallsPerConnection);
        }
    }
}
