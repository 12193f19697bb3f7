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

    /** Virtual servers by name, each aggregating several upstreams at {@code /mcp/{name}}. Default none. */
    Map<String, VirtualServer> virtualServers();

    /** Between the upstream's name and the tool, prompt or resource name on a virtual server. Default {@code __}. */
    @WithDefault("__")
    String virtualServerSeparator();

    Stdio stdio();

    Grants grants();

    Sse sse();

    Sessions sessions();

    Policy policy();

    Security security();

    Events events();

    interface Upstream {
        /**
         * How the gateway talks to this upstream: {@code streamable-http} (MCP 2025-03-26 and later),
         * {@code sse} (the legacy HTTP+SSE transport of 2024-11-05) or {@code stdio} (a local process).
         * Default streamable-http.
         */
        @WithDefault("streamable-http")
        String transport();

        /**
         * HTTP transports: the upstream's endpoint, e.g. {@code http://127.0.0.1:8090/mcp} (streamable-http)
         * or the SSE endpoint, e.g. {@code http://127.0.0.1:8090/sse} (sse). Required for them; no default.
         */
        Optional<String> url();

        /** Per-upstream override of {@code proxy.upstream-timeout}. */
        Optional<Duration> timeout();

        /**
         * HTTP transports: headers sent to this upstream only (the gateway's own upstream credentials,
         * e.g. {@code headers."Authorization"=Bearer …}); the agent's token is never forwarded. Default none.
         */
        Map<String, String> headers();

        /** stdio: the program to run, e.g. {@code npx} or {@code /opt/smartlead/bin/smartlead-stdio}. Required for stdio. */
        Optional<String> command();

        /** stdio: its arguments (comma-separated). Default none. */
        Optional<List<String>> args();

        /**
         * stdio: environment variables added to the gateway's own for the process (the upstream's
         * credentials live here, on the gateway). Default none.
         */
        Map<String, String> env();

        /** stdio: working directory of the process. Default: the gateway's. */
        Optional<String> workingDir();

        /**
         * stdio: {@code true} starts one process per agent session (isolation; costs a process each),
         * {@code false} shares one process between all sessions (request ids and progress tokens are
         * remapped so sessions cannot collide). Default false.
         */
        @WithDefault("false")
        boolean processPerSession();
    }

    /**
     * A virtual server: several upstreams served at one endpoint {@code /mcp/{name}}, their tools,
     * prompts and resources named {@code {upstream}{separator}{name}}.
     */
    interface VirtualServer {
        /** The upstream names it aggregates (comma-separated), each one of {@code proxy.upstreams}. */
        List<String> upstreams();
    }

    interface Stdio {
        /** Delay before restarting a stdio process that died soon after starting; doubles per failure. Default 500ms. */
        @WithDefault("500ms")
        Duration restartBackoffMin();

        /** Longest delay between restarts of a stdio process that keeps dying. Default 30s. */
        @WithDefault("30s")
        Duration restartBackoffMax();

        /** A process that lived at least this long counts as healthy: the backoff starts over. Default 10s. */
        @WithDefault("10s")
        Duration healthyAfter();
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
        /**
         * How long an unused session stays in this instance's memory. Past it the session is rebuilt from
         * its sealed id on the next request (the id, not the memory, is the session). Default 30m.
         */
        @WithDefault("30m")
        Duration idleTimeout();

        /** Most sessions kept in one instance's memory. Default 100000. */
        @WithDefault("100000")
        long maxSessions();

        /**
         * Longest life of a session from initialize; past it the id is refused (404) and the client
         * initializes again. Default 24h.
         */
        @WithDefault("24h")
        Duration maxLifetime();

        /**
         * AES key (base64 of 16, 24 or 32 bytes) that seals session ids. Every replica must share it, and it
         * must survive restarts, for sessions to survive them. Default: none, a random key is generated at
         * start (with a warning): sessions then end with the process.
         */
        Optional<String> key();
    }

    interface Policy {
        /** Deadline of each gRPC call to policy-service; past it the call is "could not decide". Default 2s. */
        @WithDefault("2s")
        Duration timeout();
    }

    interface Sse {
        /** Events kept per SSE stream for a client that resumes with Last-Event-ID. Default 100. */
        @WithDefault("100")
        int replayEvents();

        /** Streams kept per session for resumption (the GET stream and the latest POST streams). Default 16. */
        @WithDefault("16")
        int streamsPerSession();
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
