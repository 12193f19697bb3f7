package dev.mcpgateway.catalog.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.catalog.change.CatalogWrites;
import dev.mcpgateway.catalog.change.ToolEvents;
import dev.mcpgateway.catalog.classify.Classification;
import dev.mcpgateway.catalog.classify.Classifier;
import dev.mcpgateway.catalog.definition.ToolDefinition;
import dev.mcpgateway.support.problem.ApiProblem;
import dev.mcpgateway.catalog.tool.Source;
import dev.mcpgateway.catalog.tool.Tool;
import dev.mcpgateway.catalog.tool.ToolStatus;
import dev.mcpgateway.catalog.tool.ToolView;
import dev.mcpgateway.contracts.catalog.ToolChangeEventV1;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Shows a tool's stored definitions and lets an operator accept a pending one. Callers supply the session; accepting
 * is a transaction of its own, after whose commit the list cache is invalidated and a {@code definition_accepted}
 * event goes to Kafka.
 */
@ApplicationScoped
public class DefinitionReview {

    private static final Logger LOG = Logger.getLogger(DefinitionReview.class);

    private final DiscoveryService discovery;
    private final CatalogWrites writes;

    public DefinitionReview(DiscoveryService discovery, CatalogWrites writes) {
        this.discovery = discovery;
        this.writes = writes;
    }

    public Uni<List<VersionView>> versions(String server, String name) {
        return findOr404(server, name).chain(tool -> DefinitionVersion.<DefinitionVersion>list("toolId = ?1 order by id", tool.id)
                .map(versions -> versions.stream().map(v -> {
                    boolean pending = v.definitionHash.equals(tool.pendingHash);
                    List<String> diff = pending ? DefinitionDiff.paths(tool.definition().toJson(), v.definition) : List.of();
                    return new VersionView(v.definitionHash, v.definitionHash.equals(tool.definitionHash), pending,
                            v.firstSeen, v.lastSeen, v.definition, diff);
                }).toList()));
    }

    /** Makes the pending definition the accepted one. Auto-classified tools are classified again from it. */
    public Uni<ToolView> accept(String server, String name, AcceptRequest request) {
        if (request == null || blank(request.author()) || blank(request.note())) {
            throw ApiProblem.badRequest("'author' and 'note' are required to accept a changed definition");
        }
        return Panache.withTransaction(() -> apply(server, name, request))
                .invoke(applied -> writes.committed(List.of(applied.event())))
                .map(Applied::view);
    }

    private record Applied(ToolView view, ToolChangeEventV1 event) {
    }

    private Uni<Applied> apply(String server, String name, AcceptRequest request) {
        return findOr404(server, name).chain(tool -> {
            if (tool.status != ToolStatus.CHANGED || tool.pendingHash == null) {
                throw ApiProblem.conflict("Tool '" + name + "' on '" + server + "' has no changed definition waiting (status "
                        + tool.status.wire() + ")");
            }
            return DefinitionVersion.<DefinitionVersion>find("toolId = ?1 and definitionHash = ?2", tool.id, tool.pendingHash)
                    .firstResult()
                    .map(version -> {
                        if (version == null) {
                            throw new IllegalStateException("pending definition " + tool.pendingHash + " of tool " + tool.id + " is not stored");
                        }
                        ToolDefinition d = fromJson(version.definition);
                        String replaced = tool.definitionHash;
                        tool.title = d.title();
                        tool.description = d.description() == null ? "" : d.description();
                        tool.inputSchema = d.inputSchema();
                        tool.outputSchema = d.outputSchema();
                        tool.annotations = d.annotations();
                        tool.definitionHash = tool.pendingHash;
                        tool.pendingHash = null;
                        tool.status = ToolStatus.ACTIVE;
                        tool.flags = discovery.flagsJson(DiscoveryService.flags(d, List.of()));
                        if (tool.source == Source.DISCOVERED) {
                            Classification c = Classifier.classify(d);
                            tool.category = c.category();
                            tool.risk = c.risk();
                            tool.classificationReason = c.reason();
                        }
                        LOG.infof("definition %s of %s/%s accepted by %s: %s", tool.definitionHash, server, name,
                                request.author(), request.note());
                        return new Applied(ToolView.of(tool), ToolEvents.accepted(tool, replaced, Instant.now()));
                    });
        });
    }

    static ToolDefinition fromJson(JsonNode d) {
        return new ToolDefinition(d.path("name").asText(), text(d, "title"), text(d, "description"), d.get("inputSchema"),
                d.get("outputSchema"), d.get("annotations"));
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Uni<Tool> findOr404(String server, String name) {
        return Tool.findByKey(server, name).map(tool -> {
            if (tool == null) {
                throw ApiProblem.notFound("No tool '" + name + "' on server '" + server + "'");
            }
            return tool;
        });
    }
}
