package dev.mcpgateway.catalog.change;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/** Turns change events on, on a topic of this test run's own, so parallel runs and other worktrees never mix. */
public class ChangeTopic implements QuarkusTestResourceLifecycleManager {

    static final String TOPIC = "mcp.catalog.changes.it-" + UUID.randomUUID();

    @Override
    public Map<String, String> start() {
        return Map.of("catalog.changes.enabled", "true", "catalog.changes.topic", TOPIC);
    }

    @Override
    public void stop() {
    }
}
