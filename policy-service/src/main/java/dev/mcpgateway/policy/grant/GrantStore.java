package dev.mcpgateway.policy.grant;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Grants in PostgreSQL: written by operators, read by ResolveGrant and the background poll. */
@ApplicationScoped
public class GrantStore {

    @WithTransaction
    public Uni<GrantRecord> create(GrantRecord g) {
        return g.persist();
    }

    @WithSession
    public Uni<GrantRecord> byId(String id) {
        return GrantRecord.findById(id);
    }

    /** The live grant whose token has this hash, or null. */
    @WithSession
    public Uni<GrantRecord> liveByHash(byte[] hash) {
        return GrantRecord.<GrantRecord>find("tokenHash = ?1 and revokedAt is null", hash).firstResult();
    }

    @WithSession
    public Uni<List<GrantRecord>> list(boolean includeRevoked) {
        return includeRevoked
                ? GrantRecord.<GrantRecord>find("order by createdAt, id").list()
                : GrantRecord.<GrantRecord>find("revokedAt is null order by createdAt, id").list();
    }

    /** Every live grant and those revoked within {@code recent} (so that pollers drop them). */
    @WithSession
    public Uni<List<GrantRecord>> liveAndRecentlyRevoked(Duration recent) {
        return GrantRecord.<GrantRecord>find("revokedAt is null or revokedAt > ?1", Instant.now().minus(recent)).list();
    }

    /** Revokes a live grant; returns the record (null when unknown), unchanged when already revoked. */
    @WithTransaction
    public Uni<GrantRecord> revoke(String id, String by) {
        return GrantRecord.<GrantRecord>findById(id).map(g -> {
            if (g != null && g.live()) {
                g.revokedAt = Instant.now();
                g.revokedBy = by;
            }
            return g;
        });
    }

    /** Creates or refreshes a grant whose token comes from configuration (the demo grant); un-revokes it. */
    @WithTransaction
    public Uni<GrantRecord> upsert(Grant grant, String by) {
        return GrantRecord.<GrantRecord>findById(grant.id()).flatMap(g -> {
            if (g == null) {
                g = new GrantRecord();
                g.id = grant.id();
                g.createdAt = Instant.now();
                g.createdBy = by;
            }
            g.name = grant.name();
            g.server = grant.server();
            g.policyId = grant.policyId();
            g.tokenHash = grant.tokenHash();
            g.revokedAt = null;
            g.revokedBy = null;
            return g.<GrantRecord>persist();
        });
    }
}
