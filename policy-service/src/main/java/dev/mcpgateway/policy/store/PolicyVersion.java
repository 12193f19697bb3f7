package dev.mcpgateway.policy.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One stored version of a policy document (table {@code policy_version}); rows are only ever inserted. */
@Entity
@Table(name = "policy_version")
public class PolicyVersion extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "policy_id", nullable = false, updatable = false)
    public String policyId;

    @Column(nullable = false, updatable = false)
    public long version;

    /** The document as JSON text. */
    @Column(nullable = false, updatable = false)
    public String document;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(updatable = false)
    public String comment;
}
