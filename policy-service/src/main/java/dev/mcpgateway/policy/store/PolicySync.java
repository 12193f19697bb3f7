package dev.mcpgateway.policy.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.policy.Blocking;
import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.document.PolicyInvalidException;
import dev.mcpgateway.policy.document.PolicyParser;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Keeps {@link PolicyRegistry} equal to the newest stored version of every policy. At start it stores
 * each file whose content differs from the current version, then installs everything; afterwards
 * {@link #poll()} (every {@code policy.store.poll-interval}) picks up versions written by other
 * replicas. Polling rather than LISTEN/NOTIFY: a missed notification (reconnect, failover) cannot
 * leave a replica on an old version, and one grouped query every few seconds costs nothing.
 */
public class PolicySync {
    private static final Logger LOG = Logger.getLogger(PolicySync.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyStore store;
    private final PolicyRegistry registry;

    public PolicySync(PolicyStore store, PolicyRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** Blocking; run at start, before any decision. */
    public void start(List<PolicyLoader.Loaded> files) {
        for (PolicyLoader.Loaded f : files) {
            storeIfChanged(f);
        }
        poll();
    }

    private void storeIfChanged(PolicyLoader.Loaded f) {
        String id = f.document().id();
        // Replicas starting together race for the same version number; the loser re-reads and finds it stored.
        for (int attempt = 1; ; attempt++) {
            PolicyVersion current = Blocking.await(() -> store.current(id));
            if (current != null && sameContent(current.document, f.document().source())) {
                return;
            }
            try {
                PolicyVersion v = Blocking.await(() -> store.append(id, toJson(f.document().source()), f.source(),
                        "loaded at start"));
                LOG.infof("Stored policy '%s' version %d from %s", id, v.version, f.source());
                return;
            } catch (RuntimeException e) {
                if (attempt >= 3) {
                    throw e;
                }
                LOG.debugf(e, "Storing policy '%s' from %s collided; retrying", id, f.source());
            }
        }
    }

    /** Installs every stored version newer than the installed one; returns how many. */
    public int poll() {
        Map<String, Long> latest = Blocking.await(store::latestVersions);
        int installed = 0;
        for (Map.Entry<String, Long> e : latest.entrySet()) {
            PolicyDocument have = registry.find(e.getKey());
            if (have != null && have.version() >= e.getValue()) {
                continue;
            }
            PolicyVersion v = Blocking.await(() -> store.version(e.getKey(), e.getValue()));
            if (v != null && install(v)) {
                installed++;
            }
        }
        return installed;
    }

    /** Compiles a stored version and swaps it in; a version that no longer compiles keeps the old one serving. */
    public boolean install(PolicyVersion v) {
        try {
            PolicyDocument doc = PolicyParser.parse(v.policyId, v.document, false).withVersion(v.version);
            boolean done = registry.putIfNewer(doc);
            if (done) {
                LOG.infof("Policy '%s' version %d (%s) is live", v.policyId, v.version, doc.mode().wire());
            }
            return done;
        } catch (PolicyInvalidException e) {
            LOG.errorf("Stored policy '%s' version %d does not compile, keeping the previous one: %s",
                    v.policyId, v.version, e.getMessage());
            return false;
        }
    }

    static boolean sameContent(String storedJson, JsonNode document) {
        try {
            return JSON.readTree(storedJson).equals(document);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    public static String toJson(JsonNode document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed document always serializes", e);
        }
    }
}
