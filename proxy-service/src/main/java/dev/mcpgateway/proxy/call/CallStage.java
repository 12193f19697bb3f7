package dev.mcpgateway.proxy.call;

import io.smallrye.mutiny.Uni;

/** One step of the {@code tools/call} path before the upstream. Never throws for an expected outcome: it rejects. */
@FunctionalInterface
public interface CallStage {
    Uni<StageResult> apply(CallExchange exchange);
}
