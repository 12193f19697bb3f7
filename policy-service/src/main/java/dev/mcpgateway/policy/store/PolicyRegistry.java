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
    /**
     * False while the service is still reading its state from the database at start (see {@link #loading()}):
     * a lookup that finds nothing then means "not known yet", and a decision must not be made on it. It stands for
     * the grants too: {@code GrantSetup} loads them before {@code PolicySetup} loads the policies and sets this.
     */
    private volatile boolean loaded = true;

    /**
     * A registry that counts as loaded only after {@link #markLoaded()}: the service's own, filled from the
     * database after the gRPC server may already accept calls. A registry built with {@code new} is filled by
     * its creator and is loaded at once.
     */
    public static PolicyRegistry loading() {
        PolicyRegistry r = new PolicyRegistry();
        r.loaded = false;
        return r;
    }

    public boolean loaded() {
        return loaded;
    }

    public void markLoaded() {
        loaded = true;
    }

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
