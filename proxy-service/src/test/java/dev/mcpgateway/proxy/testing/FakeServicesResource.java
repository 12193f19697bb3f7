package dev.mcpgateway.proxy.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the fake upstream and the fake policy service on free ports and points the proxy at them. */
public class FakeServicesResource implements QuarkusTestResourceLifecycleManager {

    private final FakeUpstream upstream = new FakeUpstream();
    private final FakePolicyService policy = new FakePolicyService();
    private final FakeLegacySseServer legacy = new FakeLegacySseServer();

    @Override
    public Map<String, String> start() {
        try {
            int upstreamPort = upstream.start();
            int policyPort = policy.start();
            int legacyPort = legacy.start();
            java.util.List<String> stdio = FakeStdioServer.command();
            Map<String, String> config = new java.util.HashMap<>(Map.of(
                    "proxy.upstreams.smartlead.url", "http://127.0.0.1:" + upstreamPort + "/mcp",
                    // The gateway's own credential for the upstream; the agent's token must never replace it.
                    "proxy.upstreams.smartlead.headers.Authorization", "Bearer upstream-credential",
                    "proxy.upstreams.legacy.transport", "sse",
                    "proxy.upstreams.legacy.url", "http://127.0.0.1:" + legacyPort + "/sse",
                    "proxy.upstreams.local.transport", "stdio",
                    "proxy.upstreams.local.command", stdio.get(0),
                    "proxy.upstreams.local.args", String.join(",", stdio.subList(1, stdio.size())),
                    "proxy.upstreams.local.env.FAKE_API_KEY", "gateway-held-secret",
                    "proxy.upstreams.local.process-per-session", "true"));
            config.putAll(Map.of(
                    // Nothing listens on port 9 (discard) here: an upstream that is down.
                    "proxy.upstreams.down.url", "http://127.0.0.1:9/mcp",
                    // One endpoint over three upstreams, one of them down.
                    "proxy.virtual-servers.suite.upstreams", "smartlead,legacy,down",
                    "quarkus.grpc.clients.policy.host", "127.0.0.1",
                    "quarkus.grpc.clients.policy.port", String.valueOf(policyPort),
                    // In test mode Quarkus points gRPC clients at test-port, whatever port says.
                    "quarkus.grpc.clients.policy.test-port", String.valueOf(policyPort)));
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the fake services", e);
        }
    }

    @Override
    public void stop() {
        upstream.stop();
        policy.stop();
        legacy.stop();
    }
}
