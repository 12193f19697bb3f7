package dev.mcpgateway.catalog.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One distinct definition a tool has had, kept so a change can be reviewed against what was accepted. */
@Entity
@Table(name = "tool_definition_version")
public class DefinitionVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "tool_id")
    public Long toolId;

    @Column(name = "definition_hash")
    public String definitionHash;

    /** The definition object as hashed: {name, title?, description?, inputSchema, outputSchema?, annotations?}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode definition;

    @Column(name = "first_seen")
    public Instant firstSeen;

    @Column(name = "last_seen")
    public Instant lastSeen;
}
