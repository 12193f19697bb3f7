package dev.mcpgateway.policy.store;

import dev.mcpgateway.policy.document.PolicyDocument;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compiled snapshot decisions read, by policy id. Documents are immutable, so installing a new
 * version is a single atomic replacement: the next Decide sees it, in-flight ones finish on the old.
 */
public class PolicyRegistry {
    private final Map<String, PolicyDocument> byId = new ConcurrentHashMap<>();

    public void put(PolicyDocument doc) {
        byId.put(doc.id(), doc);
    }

    /**
     * Installs {@code doc} unless a higher version is already installed: the local write and the
     * poll may deliver versions out of order. Returns whether it was installed.
     */
    public boolean putIfNewer(PolicyDocument doc) {
        boolean[] installed = {false};
        byId.compute(doc.id(), (id, old) -> {
            if (old == null || old.version() < doc.version()) {
                installed[0] = true;
                return doc;
            }
            return old;
        });
        return installed[0];
    }

    public Optional<PolicyDocument> get(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** Hot path variant: null when absent, no Optional. */
    public PolicyDocument find(String id) {
        return id == null ? null : byId.get(id);
    }

    public Collection<PolicyDocument> all() {
        return byId.values();
    }
}
