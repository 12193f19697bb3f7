package dev.mcpgateway.catalog.tool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.catalog.definition.ToolDefinition;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One tool of one upstream server. The row holds the accepted definition; a different definition reported
 * later is kept in {@link dev.mcpgateway.catalog.discovery.DefinitionVersion} and named by {@link #pendingHash}
 * until an operator accepts it. Schema: {@code db/migration}.
 */
@Entity
@Table(name = "tool")
public class Tool extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String server;
    public String name;
    public String title;
    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "input_schema")
    public JsonNode inputSchema;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "output_schema")
    public JsonNode outputSchema;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode annotations;

    public Category category;
    public Risk risk;
    public Source source;
    public ToolStatus status;

    @Column(name = "definition_hash")
    public String definitionHash;

    /** Hash of a reported definition that differs from the accepted one; null while none is waiting. */
    @Column(name = "pending_hash")
    public String pendingHash;

    @Column(name = "first_seen")
    public Instant firstSeen;

    @Column(name = "last_seen")
    public Instant lastSeen;

    @Column(name = "override_note")
    public String overrideNote;

    @Column(name = "override_author")
    public String overrideAuthor;

    /** Why the tool has its category and risk: the seed's basis, the classifier's signals, or the override note. */
    @Column(name = "classification_reason")
    public String classificationReason;

    /** Poisoning findings on the accepted definition: {@code {"items": [{code, field, reason, excerpt}, ...]}}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode flags;

    public static Uni<Tool> findByKey(String server, String name) {
        return find("server = ?1 and name = ?2", server, name).firstResult();
    }

    /** The findings array inside {@link #flags}; empty when there are none. */
    public JsonNode flagItems() {
        return flags == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode() : flags.path("items");
    }

    public ToolDefinition definition() {
        return new ToolDefinition(name, title, description, inputSchema, outputSchema, annotations);
    }
}
