package dev.mcpgateway.proxy.call;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;

/**
 * What a stage says about a call (Kroxylicious filter style): go on to the next stage, answer the
 * agent now without forwarding, or hold the call until something (a human approval) settles it.
 */
public sealed interface StageResult {

    StageResult FORWARD = new Forward();

    static StageResult forward() {
        return FORWARD;
    }

    /** @param response the complete JSON-RPC response the agent gets instead of the upstream's */
    static StageResult reject(ObjectNode response) {
        return new Reject(response);
    }

    static StageResult hold(Uni<StageResult> resolution) {
        return new Hold(resolution);
    }

    record Forward() implements StageResult {
    }

    record Reject(ObjectNode response) implements StageResult {
    }

    record Hold(Uni<StageResult> resolution) implements StageResult {
    }
}
