package dev.mcpgateway.policy.grant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored grant (table {@code "grant"}); the token itself is never stored, only its SHA-256. */
@Entity
@Table(name = "\"grant\"")
public class GrantRecord extends PanacheEntityBase {
    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String server;

    @Column(name = "policy_id", nullable = false)
    public String policyId;

    @Column(name = "token_hash", nullable = false)
    public byte[] tokenHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    public boolean live() {
        return revokedAt == null;
    }

    public Grant toGrant() {
        return new Grant(id, name, server, policyId, tokenHash);
    }
}
