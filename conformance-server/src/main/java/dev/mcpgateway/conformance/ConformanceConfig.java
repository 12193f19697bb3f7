package dev.mcpgateway.conformance;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the conformance fixture server (prefix {@code conformance}). */
@ConfigMapping(prefix = "conformance")
public interface ConformanceConfig {

    /**
     * Pause between the notifications that {@code test_tool_with_logging} and {@code test_tool_with_progress}
     * send, so a client sees them arrive one by one during the call. Default {@code PT0.05S} (the suite asks
     * for about 50 ms).
     */
    @WithDefault("PT0.05S")
    Duration stepDelay();

    /**
     * How long a tool waits for the client's answer to a server-to-client request ({@code sampling/createMessage},
     * {@code elicitation/create}) before it fails the call. Default {@code PT30S}.
     */
    @WithDefault("PT30S")
    Duration serverRequestTimeout();
}
