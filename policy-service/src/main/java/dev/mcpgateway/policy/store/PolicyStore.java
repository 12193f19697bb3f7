package dev.mcpgateway.policy.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Policy versions in PostgreSQL. Only operator calls, start-up and the background poll come here;
 * decisions read the compiled snapshot in {@link PolicyRegistry}.
 */
@ApplicationScoped
public class PolicyStore {

    /** The highest version of each policy id. */
    @WithSession
    public Uni<Map<String, Long>> latestVersions() {
        return Panache.getSession().flatMap(s -> s.createQuery(
                        "select p.policyId, max(p.version) from PolicyVersion p group by p.policyId", Object[].class)
                .getResultList())
                .map(rows -> {
                    Map<String, Long> out = new HashMap<>();
                    for (Object[] r : rows) {
                        out.put((String) r[0], ((Number) r[1]).longValue());
                    }
                    return out;
                });
    }

    @WithSession
    public Uni<PolicyVersion> current(String policyId) {
        return PolicyVersion.<PolicyVersion>find("policyId = ?1 order by version desc", policyId).firstResult();
    }

    @WithSession
    public Uni<PolicyVersion> version(String policyId, long version) {
        return PolicyVersion.<PolicyVersion>find("policyId = ?1 and version = ?2", policyId, version).firstResult();
    }

    /** Newest first. */
    @WithSession
    public Uni<List<PolicyVersion>> versions(String policyId) {
        return PolicyVersion.<PolicyVersion>find("policyId = ?1 order by version desc", policyId).list();
    }

    @WithSession
    public Uni<Boolean> exists(String policyId) {
        return PolicyVersion.count("policyId", policyId).map(n -> n > 0);
    }

    /**
     * Appends the next version. Two writers racing for the same number meet the unique constraint
     * (policy_id, version): the loser fails, nothing is overwritten.
     */
    @WithTransaction
    public Uni<PolicyVersion> append(String policyId, String documentJson, String by, String comment) {
        return PolicyVersion.<PolicyVersion>find("policyId = ?1 order by version desc", policyId).firstResult()
                .flatMap(prev -> {
                    PolicyVersion v = new PolicyVersion();
                    v.policyId = policyId;
                    v.version = prev == null ? 1 : prev.version + 1;
                    v.document = documentJson;
                    v.createdAt = Instant.now();
                    v.createdBy = by;
                    v.comment = comment;
                    return v.<PolicyVersion>persist();
                });
    }
}
