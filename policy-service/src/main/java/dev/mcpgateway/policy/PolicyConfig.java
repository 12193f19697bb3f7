package dev.mcpgateway.policy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of policy-service (prefix {@code policy}). */
@ConfigMapping(prefix = "policy")
public interface PolicyConfig {

    /** The demo grant created at start when a token is configured. */
    DemoGrant demoGrant();

    /**
     * Classpath policies loaded at start, as ids: {@code policies/<id>.json}.
     * Default: {@code smartlead-example} (the example of DESIGN.md).
     */
    @WithDefault("smartlead-example")
    List<String> builtinPolicies();

    /**
     * A directory whose {@code *.json}, {@code *.yaml} and {@code *.yml} files are loaded at start
     * (id = file name without extension; a file overrides a builtin of the same id). For GitOps and
     * the Helm chart. Default: unset (none). A bad file stops the start with every error listed.
     */
    Optional<Path> dir();

    /** Largest {@code arguments_json} accepted by Decide, in bytes. Default: 1048576 (1 MiB). */
    @WithDefault("1048576")
    int maxArgumentsBytes();

    /**
     * Most Decides and Settles served at once (answered or failed yet, including those waiting on Redis or on the
     * approvals store). Past it a call is refused at once with UNAVAILABLE "policy-service overloaded" (the proxy's
     * "could not decide", fail closed) and counted in {@code policy_overload_shed_total}, instead of queueing without
     * bound. Healthy, a Decide holds its slot for about a millisecond, so 1,000 is far above what 5,000 Decides/s
     * need and still a small heap. Default: 1000.
     */
    @WithDefault("1000")
    int maxInFlight();

    /**
     * Most gRPC calls one client connection may have open at once (HTTP/2 MAX_CONCURRENT_STREAMS of the gRPC server).
     * Without a bound an overloaded service kept accepting Decides it could only answer past their deadline and never
     * caught up; the proxy's further calls then wait in its own transport, bounded by its deadline. Default: 100.
     */
    @WithDefault("100")
    int maxConcurrentCallsPerConnection();

    Catalog catalog();

    Limits limits();

    Store store();

    Grants grants();

    Approvals approvals();

    /** Human approval of calls a {@code require_approval} rule holds. */
    interface Approvals {
        /** How long a request waits for an approver before it expires (the call is refused). Default: 5m. */
        @WithDefault("5m")
        Duration ttl();

        /** Longest single WaitApproval long poll; the proxy then asks again. Default: 30s. */
        @WithDefault("30s")
        Duration maxWait();

        /**
         * How often pending requests past their expiry are marked expired, and how often a waiting
         * long poll re-reads its request (catches decisions taken on another replica). Default: 1s.
         */
        @WithDefault("1s")
        Duration sweepInterval();

        Webhook webhook();

        /** Each new request is POSTed here as JSON, signed: {@code X-MCP-Gateway-Signature: sha256=<hex HMAC>}. */
        interface Webhook {
            /** Receiver URL (env {@code POLICY_APPROVALS_WEBHOOK_URL}). Default: unset, no webhook. */
            Optional<URI> url();

            /** HMAC-SHA256 key of the signature (env {@code POLICY_APPROVALS_WEBHOOK_SECRET}). Default: unset (unsigned, with a warning). */
            Optional<String> secret();

            /** Attempts per request (first try included) on a network error or a non-2xx answer. Default: 3. */
            @WithDefault("3")
            int maxAttempts();

            /** Wait before the second attempt; doubles after each. Default: 1s. */
            @WithDefault("1s")
            Duration backoff();

            /** Timeout of one attempt. Default: 5s. */
            @WithDefault("5s")
            Duration timeout();
        }
    }

    interface Store {
        /**
         * How often each replica polls PostgreSQL for policy versions and grant revocations written
         * by other replicas (a replica applies its own writes at once). Default: 2s.
         */
        @WithDefault("2s")
        Duration pollInterval();
    }

    interface Grants {
        /** Prefix of generated bearer tokens (lets secret scanners recognize them). Default: {@code mcpg_}. */
        @WithDefault("mcpg_")
        String tokenPrefix();
    }

    interface DemoGrant {
        /** The bearer token (env {@code POLICY_DEMO_GRANT_TOKEN}). Default: unset, no demo grant. */
        Optional<String> token();

        /** Default: {@code demo}. Also used as the grant id. */
        @WithDefault("demo")
        String name();

        /** Default: {@code smartlead}. */
        @WithDefault("smartlead")
        String server();

        /** Default: {@code smartlead-example}. */
        @WithDefault("smartlead-example")
        String policyId();
    }

    interface Catalog {
        /** catalog-service base URL. Default: {@code http://127.0.0.1:8082}. */
        @WithDefault("http://127.0.0.1:8082")
        URI url();

        /** How often the cached tool facts are refreshed. Default: 30s. */
        @WithDefault("30s")
        Duration refreshInterval();

        /** Timeout of one catalog request. Default: 2s. */
        @WithDefault("2s")
        Duration timeout();

        /** Servers whose tools are fetched at start; others are fetched when first seen. Default: smartlead. */
        @WithDefault("smartlead")
        List<String> servers();

        /**
         * Operator token with the {@code service} role, sent as a bearer token when reading the catalog
         * ({@code POLICY_CATALOG_TOKEN}). Absent: no credential is sent, and a catalog that requires one answers 401.
         */
        Optional<String> token();

        Changes changes();

        /**
         * catalog-service's change events (Kafka, {@code ToolChangeEventV1}): a server's facts are fetched again as
         * soon as one of its tools changes, instead of waiting for {@link #refreshInterval()}, which stays the
         * fallback. Kafka is never required: without a broker, facts are refreshed by the poll only.
         */
        interface Changes {
            /** {@code policy.catalog.changes.enabled}: consume the change events. Default: true. */
            @WithDefault("true")
            boolean enabled();

            /** {@code policy.catalog.changes.topic}: must be catalog-service's {@code catalog.changes.topic}. Default: {@code mcp.catalog.changes}. */
            @WithDefault("mcp.catalog.changes")
            String topic();

            /** {@code policy.catalog.changes.bootstrap-servers}: Kafka brokers (env {@code KAFKA_BOOTSTRAP_SERVERS}). Default: {@code 127.0.0.1:9092}. */
            @WithDefault("127.0.0.1:9092")
            String bootstrapServers();

            /** {@code policy.catalog.changes.retry-interval}: wait before trying again after the topic was missing or Kafka failed. Default: 5s. */
            @WithDefault("5s")
            Duration retryInterval();

            /**
             * {@code policy.catalog.changes.partition-check-interval}: how often to look for partitions added to the
             * topic while running (they are followed from then on, without a restart). Default: 30s.
             */
            @WithDefault("30s")
            Duration partitionCheckInterval();
        }
    }

    interface Limits {
        /** An unsettled reservation is given back after this long. Default: 5m. */
        @WithDefault("5m")
        Duration reservationTtl();

        /** How often expired reservations and ended counter windows are swept. Default: 5s. */
        @WithDefault("5s")
        Duration sweepInterval();

        /**
         * Where counters live: {@code memory} (one replica) or {@code redis} (several replicas share
         * exact counters; the Redis server is {@code quarkus.redis.hosts}, env {@code QUARKUS_REDIS_HOSTS}).
         * Default: memory.
         */
        @WithDefault("memory")
        StoreKind store();

        /** Prefix of every Redis counter key. Default: {@code mcpg:limit:}. */
        @WithDefault("mcpg:limit:")
        String redisKeyPrefix();

        /**
         * Longest wait for one Redis command on the decision path; past it the call gets "could not
         * decide" (UNAVAILABLE). Default: 500ms.
         */
        @WithDefault("500ms")
        Duration redisTimeout();

        enum StoreKind {
            memory, redis
        }
    }
}
