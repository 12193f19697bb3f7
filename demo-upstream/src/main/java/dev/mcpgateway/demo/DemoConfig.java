package dev.mcpgateway.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the demo upstream's HTTP service (prefix {@code demo}). The stdio launcher reads env vars instead. */
@ConfigMapping(prefix = "demo")
public interface DemoConfig {

    /** Start the fake SmartLead account with a sample client, campaign, leads, mailbox and webhook. Default true. */
    @WithDefault("true")
    boolean seedAccount();

    Http http();

    interface Http {

        /** Path of the Streamable HTTP endpoint. Default {@code /mcp}. */
        @WithDefault("/mcp")
        String path();

        /** Most sessions kept at once; initialize beyond it answers 503. Default 1000. */
        @WithDefault("1000")
        int maxSessions();

        /** A session unused this long is ended (later requests get 404). Default 30 minutes. */
        @WithDefault("PT30M")
        Duration sessionIdleTimeout();

        /** Largest accepted request body in bytes. Default 1 MiB. */
        @WithDefault("1048576")
        long maxBodyBytes();

        /**
         * Browser origins allowed besides localhost/127.0.0.1 (DNS-rebinding protection, as MCP requires).
         * Requests without an Origin header (non-browser clients) are always allowed. Default none.
         */
        Optional<List<String>> allowedOrigins();

        /**
         * How long each tools/call answer is held back (a timer: no thread waits), standing in for the SmartLead
         * API's round trip, which the stand-in does not make. Benchmarks set it to compare the gateway with an
         * upstream that takes time, as real ones do. Default 0: answer at once.
         */
        @WithDefault("0s")
        Duration toolLatency();
    }
}
