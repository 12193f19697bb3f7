package dev.mcpgateway.policy.store;

import dev.mcpgateway.policy.document.PolicyDocument;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The loaded policies, by id. Documents are immutable, so replacing one is a single atomic put. */
public class PolicyRegistry {
    private final Map<String, PolicyDocument> byId = new ConcurrentHashMap<>();

    public void put(PolicyDocument doc) {
        byId.put(doc.id(), doc);
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
