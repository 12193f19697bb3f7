package dev.mcpgateway.catalog.override;

import dev.mcpgateway.catalog.tool.Category;
import dev.mcpgateway.catalog.tool.Risk;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One operator override of a tool's classification; rows are only ever added. */
@Entity
@Table(name = "tool_override")
public class ToolOverride extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "tool_id")
    public Long toolId;

    @Column(name = "previous_category")
    public Category previousCategory;

    @Column(name = "previous_risk")
    public Risk previousRisk;

    public Category category;
    public Risk risk;
    public String note;
    public String author;

    @Column(name = "created_at")
    public Instant createdAt;
}
