package dev.mcpgateway.catalog.override;

import dev.mcpgateway.catalog.change.CatalogWrites;
import dev.mcpgateway.catalog.change.ToolEvents;
import dev.mcpgateway.support.problem.ApiProblem;
import dev.mcpgateway.catalog.tool.Category;
import dev.mcpgateway.catalog.tool.Risk;
import dev.mcpgateway.catalog.tool.Source;
import dev.mcpgateway.catalog.tool.Tool;
import dev.mcpgateway.catalog.tool.ToolView;
import dev.mcpgateway.catalog.tool.WireEnum;
import dev.mcpgateway.contracts.catalog.ToolChangeEventV1;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Applies an operator's category/risk override and records it, in a transaction of its own (callers supply the
 * session): once it committed, the list cache is invalidated and an {@code override_applied} event goes to Kafka.
 */
@ApplicationScoped
public class OverrideService {

    private static final Logger LOG = Logger.getLogger(OverrideService.class);
    static final int MAX_NOTE = 2000;
    static final int MAX_AUTHOR = 200;

    private final CatalogWrites writes;

    public OverrideService(CatalogWrites writes) {
        this.writes = writes;
    }

    public Uni<ToolView> override(String server, String name, OverrideRequest request) {
        Validated v = validate(request);
        return Panache.withTransaction(() -> apply(server, name, v))
                .invoke(applied -> writes.committed(List.of(applied.event())))
                .map(Applied::view);
    }

    private Uni<Applied> apply(String server, String name, Validated v) {
        return findOr404(server, name).chain(tool -> {
            ToolOverride entry = new ToolOverride();
            entry.toolId = tool.id;
            entry.previousCategory = tool.category;
            entry.previousRisk = tool.risk;
            entry.category = v.category() == null ? tool.category : v.category();
            entry.risk = v.risk() == null ? tool.risk : v.risk();
            entry.note = v.note();
            entry.author = v.author();
            entry.createdAt = Instant.now();
            tool.category = entry.category;
            tool.risk = entry.risk;
            tool.source = Source.OVERRIDE;
            tool.overrideNote = entry.note;
            tool.overrideAuthor = entry.author;
            tool.classificationReason = "override by " + entry.author + ": " + entry.note;
            LOG.infof("override %s/%s: %s/%s -> %s/%s by %s", server, name, entry.previousCategory.wire(),
                    entry.previousRisk.wire(), entry.category.wire(), entry.risk.wire(), entry.author);
            return entry.persist().replaceWith(() -> new Applied(ToolView.of(tool), ToolEvents.overridden(tool, entry.createdAt)));
        });
    }

    public Uni<List<OverrideView>> history(String server, String name) {
        return findOr404(server, name)
                .chain(tool -> ToolOverride.<ToolOverride>list("toolId = ?1 order by id", tool.id))
                .map(rows -> rows.stream().map(OverrideView::of).toList());
    }

    static Validated validate(OverrideRequest request) {
        if (request == null) {
            throw ApiProblem.badRequest("A JSON body with 'category' and/or 'risk', 'note' and 'author' is required");
        }
        Category category = blank(request.category()) ? null : WireEnum.parse(Category.class, "category", request.category());
        Risk risk = blank(request.risk()) ? null : WireEnum.parse(Risk.class, "risk", request.risk());
        if (category == null && risk == null) {
            throw ApiProblem.badRequest("An override needs 'category' or 'risk' (or both)");
        }
        return new Validated(category, risk, required("note", request.note(), MAX_NOTE), required("author", request.author(), MAX_AUTHOR));
    }

    private static String required(String field, String value, int max) {
        if (blank(value)) {
            throw ApiProblem.badRequest("'" + field + "' is required: overrides are reviewed later, so say who and why");
        }
        if (value.length() > max) {
            throw ApiProblem.badRequest("'" + field + "' is longer than " + max + " characters");
        }
        return value.trim();
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

    record Validated(Category category, Risk risk, String note, String author) {
    }

    private record Applied(ToolView view, ToolChangeEventV1 event) {
    }
}
