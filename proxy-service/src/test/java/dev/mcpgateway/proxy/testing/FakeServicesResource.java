package dev.mcpgateway.proxy.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the fake upstream and the fake policy service on free ports and points the proxy at them. */
public class FakeServicesResource implements QuarkusTestResourceLifecycleManager {

    private final FakeUpstream upstream = new FakeUpstream();
    private final FakePolicyService policy = new FakePolicyService();

    @Override
    public Map<String, String> start() {
        try {
            int upstreamPort = upstream.start();
            int policyPort = policy.start();
            return Map.of(
                    "proxy.upstreams.smartlead.url", "http://127.0.0.1:" + upstreamPort + "/mcp",
                    // Nothing listens on port 9 (discard) here: an upstream that is down.
                    "proxy.upstreams.down.url", "http://127.0.0.1:9/mcp",
                    "quarkus.grpc.clients.policy.host", "127.0.0.1",
                    "quarkus.grpc.clients.policy.port", String.valueOf(policyPort),
                    // In test mode Quarkus points gRPC clients at test-port, whatever port says.
                    "quarkus.grpc.clients.policy.test-port", String.valueOf(policyPort));
        } catch (Exception e) {
            throw new IllegalStateException("could not start the fake services", e);
        }
    }

    @Override
    public void stop() {
        upstream.stop();
        policy.stop();
    }
}
