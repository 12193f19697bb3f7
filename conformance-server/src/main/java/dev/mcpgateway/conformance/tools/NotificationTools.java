package dev.mcpgateway.conformance.tools;

import java.time.Duration;

import jakarta.inject.Inject;

import dev.mcpgateway.conformance.ConformanceConfig;
import io.quarkiverse.mcp.server.McpLog;
import io.quarkiverse.mcp.server.Progress;
import io.quarkiverse.mcp.server.ProgressToken;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolResponse;

/** Tools that send notifications to the caller while they run: log messages and progress. */
public class NotificationTools {

    static final long PROGRESS_TOTAL = 100;

    @Inject
    ConformanceConfig config;

    @Tool(name = "test_tool_with_logging", description = "Sends three info log notifications while it runs")
    ToolResponse toolWithLogging(McpLog log) {
        log.info("Tool execution started");
        pause();
        log.info("Tool processing data");
        pause();
        log.info("Tool execution completed");
        return ToolResponse.success("Tool with logging executed successfully");
    }

    /** 0/100, 50/100, 100/100 when the request carries _meta.progressToken; the same delays without one. */
    @Tool(name = "test_tool_with_progress", description = "Reports progress 0, 50 and 100 of 100 while it runs")
    ToolResponse toolWithProgress(Progress progress) {
        long[] steps = { 0, 50, 100 };
        for (int i = 0; i < steps.length; i++) {
            if (i > 0) {
                pause();
            }
            sendProgress(progress, steps[i]);
        }
        return ToolResponse.success("Tool with progress executed successfully"
                + progress.token().map(ProgressToken::value).map(t -> " (progress token " + t + ")").orElse(""));
    }

    private void sendProgress(Progress progress, long value) {
        if (progress.token().isEmpty()) {
            return;
        }
        // Awaited, not fire-and-forget, so the three notifications leave in order and before the result.
        progress.notificationBuilder().setProgress(value).setTotal(PROGRESS_TOTAL).build()
                .send().await().atMost(Duration.ofSeconds(5));
    }

    private void pause() {
        try {
            Thread.sleep(config.stepDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between notifications", e);
        }
    }
}
