package dev.mcpgateway.proxy.testing;

import dev.mcpgateway.proxy.ProxyConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@link ProxyConfig} with the documented defaults, for unit tests that run without Quarkus. */
public final class TestConfig {

    private TestConfig() {
    }

    public static ProxyConfig defaults() {
        return new ProxyConfig() {
            @Override
            public Map<String, Upstream> upstreams() {
                return Map.of();
            }

            @Override
            public Duration upstreamTimeout() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration upstreamConnectTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public int upstreamMaxResponseBytes() {
                return 16 * 1024 * 1024;
            }

            @Override
            public long maxBodyBytes() {
                return 4 * 1024 * 1024;
            }

            @Override
            public List<String> protocolVersions() {
                return List.of("2025-11-25", "2025-06-18", "2025-03-26");
            }

            @Override
            public String defaultProtocolVersion() {
                return "2025-03-26";
            }

            @Override
            public Grants grants() {
                return null;
            }

            @Override
            public Sessions sessions() {
                return null;
            }

            @Override
            public Policy policy() {
                return () -> Duration.ofSeconds(2);
            }

            @Override
            public Security security() {
                return () -> List.of("localhost", "127.0.0.1", "[::1]");
            }

            @Override
            public Events events() {
                return null;
            }
        };
    }
}
