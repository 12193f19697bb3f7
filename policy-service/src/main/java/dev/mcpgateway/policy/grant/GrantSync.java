package dev.mcpgateway.policy.grant;

import dev.mcpgateway.policy.Blocking;
import java.time.Duration;
import java.util.List;

/**
 * Mirrors stored grants into {@link GrantRegistry}, which Decide and FilterTools read without touching
 * the database. Polls live grants and those revoked recently: a replica that did not take the
 * DELETE drops the grant within one poll interval.
 */
public class GrantSync {
    /** Longer than any plausible poll interval, so that no poll misses a revocation. */
    private static final Duration RECENT = Duration.ofHours(1);

    private final GrantStore store;
    private final GrantRegistry registry;

    public GrantSync(GrantStore store, GrantRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** Blocking; returns how many rows were seen. */
    public int poll() {
        List<GrantRecord> rows = Blocking.await(() -> store.liveAndRecentlyRevoked(RECENT));
        for (GrantRecord g : rows) {
            if (g.live()) {
                registry.put(g.toGrant());
            } else {
                registry.remove(g.id);
            }
        }
        return rows.size();
    }
}
