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

    Approvals approvals();

    Catalog catalog();

    Audit audit();

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

        /**
         * Whether each {@code tools/call} is checked against the tool's input schema before policy is asked:
         * {@code off}; {@code warn} (forwarded, the errors noted in the decision event); {@code enforce} (refused
         * with the schema errors, not forwarded, audited as DENY by rule {@code /gateway/argument-validation}).
         * For a virtual server, each member's own setting applies. Default enforce.
         */
        @WithDefault("enforce")
        String argumentValidation();
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

        /**
         * Where ended (DELETEd) sessions are remembered until their ids expire: {@code memory} (this replica
         * only: right for a single replica) or {@code redis} (every replica sees a DELETE made on any other;
         * the Redis server is {@code quarkus.redis.hosts}, env {@code QUARKUS_REDIS_HOSTS}). With redis, a
         * request whose session cannot be checked because Redis does not answer is refused (503), never
         * served as if the session were still live. Default memory.
         */
        @WithDefault("memory")
        RevocationStore revocations();

        /** Prefix of every revocation key in Redis. Default {@code mcpg:session:revoked:}. */
        @WithDefault("mcpg:session:revoked:")
        String redisKeyPrefix();

        /**
         * Longest wait for one Redis command on the request path; past it the request gets a 503. The first
         * command of a replica also opens the connection. Default 1s.
         */
        @WithDefault("1s")
        Duration redisTimeout();

        enum RevocationStore {
            memory, redis
        }
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

    /** Calls held for a human's approval (policy {@code require_approval}). */
    interface Approvals {
        /** Longest single wait for the approval outcome before asking policy-service again (long poll). Default 25s. */
        @WithDefault("25s")
        Duration pollWait();

        /**
         * While a call is held: how often a client that sent {@code _meta.progressToken} gets
         * {@code notifications/progress}, and how often the proxy checks that the client is still connected. Default 5s.
         */
        @WithDefault("5s")
        Duration progressInterval();

        /** Pause before asking again when policy-service did not answer (restart, network). Default 1s. */
        @WithDefault("1s")
        Duration retryDelay();

        /**
         * How long past the request's expiry the proxy keeps trying to learn the outcome while policy-service
         * is unreachable; then the call is refused as "could not decide". Default 30s.
         */
        @WithDefault("30s")
        Duration outcomeGrace();
    }

    /** catalog-service: where discovered tool lists are reported and input schemas looked up. */
    interface Catalog {
        /** Base URL of catalog-service. Default http://127.0.0.1:8082. */
        @WithDefault("http://127.0.0.1:8082")
        String url();

        /**
         * Whether the proxy reads each upstream's tool list on a session of its own (at the first agent session of
         * the upstream on this instance, and after {@code notifications/tools/list_changed}) and reports it to
         * catalog-service. Off, input schemas come only from the lists agents request and from the catalog. Default true.
         */
        @WithDefault("true")
        boolean discovery();

        /** At most one discovery run per upstream per this interval; also the first retry delay after a failure. Default 10s. */
        @WithDefault("10s")
        Duration discoveryInterval();

        /** Timeout of a schema lookup in catalog-service (a discovery report gets five times as long). Default 1s. */
        @WithDefault("1s")
        Duration timeout();

        /** How long a schema read from catalog-service (or its "no such tool") is reused. Default 60s. */
        @WithDefault("60s")
        Duration schemaCacheTtl();

        /**
         * This proxy's credential for catalog-service: an operator token with the {@code service} role, sent as a
         * bearer token on discovery reports and schema lookups ({@code PROXY_CATALOG_TOKEN}). Absent: none is sent,
         * and a catalog that requires one answers 401 (discovery retries, schemas come from tool lists only).
         */
        Optional<String> token();
    }

    /**
     * Decision events on their way to Kafka. Nothing is dropped while the broker is away: events wait in a
     * bounded memory buffer, then in a local append-only spill file, and are delivered in order when it is back.
     */
    interface Audit {
        /** What a call gets while the audit log is unavailable (see {@link OnUnavailable}). Default fail-open. */
        @WithDefault("fail-open")
        OnUnavailable onUnavailable();

        /** Kafka topic of the decision events. Default mcp.decisions. */
        @WithDefault("mcp.decisions")
        String topic();

        /**
         * Longest a delivery may stay unacknowledged before Kafka counts as unavailable (fail-closed starts
         * refusing). Default 5s.
         */
        @WithDefault("5s")
        Duration unavailableAfter();

        /** Kafka producer {@code delivery.timeout.ms}: a send not acknowledged by then is retried by the proxy. Default 30s. */
        @WithDefault("30s")
        Duration deliveryTimeout();

        /** Most events sent in one round (the unit of ordering and retry). Default 500. */
        @WithDefault("500")
        int batchSize();

        /** Longest pause between two delivery attempts while Kafka refuses; doubles from 200ms. Default 5s. */
        @WithDefault("5s")
        Duration retryBackoffMax();

        /** At shutdown: how long the proxy keeps delivering before it writes what is left to the spill file. Default 5s. */
        @WithDefault("5s")
        Duration shutdownTimeout();

        /** Further Kafka producer properties (e.g. {@code producer."compression.type"=lz4}); the proxy's own win. Default none. */
        Map<String, String> producer();

        Buffer buffer();

        Spill spill();

        interface Buffer {
            /** Events held in memory before they go to the spill file. Default 10000. */
            @WithDefault("10000")
            int maxEvents();
        }

        interface Spill {
            /** Directory of the spill file segments; must survive a restart of the proxy. Default ${java.io.tmpdir}/mcp-gateway-spill. */
            @WithDefault("${java.io.tmpdir}/mcp-gateway-spill")
            String dir();

            /** Most bytes on disk; past it an event is lost (and counted as failed). Default 1 GiB. */
            @WithDefault("1073741824")
            long maxBytes();

            /** Size at which a new segment is started, so delivered ones can be deleted. Default 16 MiB. */
            @WithDefault("16777216")
            long segmentBytes();
        }

        enum OnUnavailable {
            /** Keep serving; events wait in the buffer and spill file. */
            FAIL_OPEN,
            /** Refuse calls (the refusal itself is audited) while Kafka does not acknowledge events. */
            FAIL_CLOSED
        }
    }
}
