package dev.mcpgateway.proxy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything proxy-service reads from configuration, prefix {@code proxy}. Every property has a default
 * so the service starts with no configuration next to the demo stack.
 */
@ConfigMapping(prefix = "proxy")
public interface ProxyConfig {

    /**
     * Upstream MCP servers by name; each is served at {@code /mcp/{name}}.
     * Default: {@code smartlead} at {@code http://127.0.0.1:8090/mcp} (set in application.properties so
     * that {@code PROXY_UPSTREAMS_SMARTLEAD_URL} can override it).
     */
    Map<String, Upstream> upstreams();

    /** Idle timeout of one upstream exchange: no byte from the upstream for this long fails the call. Default 30s. */
    @WithDefault("30s")
    Duration upstreamTimeout();

    /** TCP connect timeout to an upstream. Default 5s. */
    @WithDefault("5s")
    Duration upstreamConnectTimeout();

    /** Largest upstream answer the proxy buffers (one JSON body or one SSE event). Default 16 MiB. */
    @WithDefault("16777216")
    int upstreamMaxResponseBytes();

    /** Largest request body accepted from a client; larger gets HTTP 413. Default 4 MiB. */
    @WithDefault("4194304")
    long maxBodyBytes();

    /** MCP protocol versions served to clients (MCP-Protocol-Version header). Default: 2025-11-25, 2025-06-18, 2025-03-26. */
    @WithDefault("2025-11-25,2025-06-18,2025-03-26")
    List<String> protocolVersions();

    /** Version assumed when a client sends no MCP-Protocol-Version header (what the spec prescribes). */
    @WithDefault("2025-03-26")
    String defaultProtocolVersion();

    Grants grants();

    Sessions sessions();

    Policy policy();

    Security security();

    Events events();

    interface Upstream {
        /** The upstream's MCP endpoint, e.g. {@code http://127.0.0.1:8090/mcp}. */
        String url();

        /** Transport to the upstream. Only {@code streamable-http} for now. Default streamable-http. */
        @WithDefault("streamable-http")
        String transport();

        /** Per-upstream override of {@code proxy.upstream-timeout}. */
        Optional<Duration> timeout();

        /** Headers sent to this upstream only (the gateway's own upstream credentials); the agent's token is never forwarded. */
        Map<String, String> headers();
    }

    interface Grants {
        /** How long a resolved grant token is trusted before asking policy-service again. Default 30s. */
        @WithDefault("30s")
        Duration cacheTtl();

        /** How long an unknown token is remembered as unknown (absorbs retry storms). Default 5s. */
        @WithDefault("5s")
        Duration negativeCacheTtl();

        /** Most tokens cached at once. Default 10000. */
        @WithDefault("10000")
        long cacheMaxSize();
    }

    interface Sessions {
        /** A session unused for this long is forgotten (later requests get 404 and re-initialize). Default 30m. */
        @WithDefault("30m")
        Duration idleTimeout();

        /** Most live sessions kept by one proxy instance. Default 100000. */
        @WithDefault("100000")
        long maxSessions();
    }

    interface Policy {
        /** Deadline of each gRPC call to policy-service; past it the call is "could not decide". Default 2s. */
        @WithDefault("2s")
        Duration timeout();
    }

    interface Security {
        /**
         * Host names accepted in the {@code Host} and {@code Origin} headers (DNS-rebinding protection);
         * {@code *} accepts any. Default: localhost, 127.0.0.1, [::1].
         */
        @WithDefault("localhost,127.0.0.1,[::1]")
        List<String> allowedHosts();
    }

    interface Events {
        /** Whether /q/health/ready checks that the Kafka cluster answers. Default true. */
        @WithDefault("true")
        boolean kafkaReadinessCheck();

        /** How long the readiness check waits for the Kafka cluster. Default 2s. */
        @WithDefault("2s")
        Duration kafkaReadinessTimeout();
    }
}
