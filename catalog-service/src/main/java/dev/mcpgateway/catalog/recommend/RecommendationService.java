package dev.mcpgateway.catalog.recommend;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.support.problem.ApiProblem;
import dev.mcpgateway.catalog.tool.Tool;
import dev.mcpgateway.catalog.tool.ToolNames;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Recommendations for catalogued tools. Callers supply the reactive session (e.g. {@code @WithSession}). */
@ApplicationScoped
public class RecommendationService {

    public Uni<Recommendation> forTool(String server, String name) {
        ToolNames.server(server);
        ToolNames.tool(name);
        return Tool.findByKey(server, name).map(tool -> {
            if (tool == null) {
                throw ApiProblem.notFound("No tool '" + name + "' on server '" + server + "'");
            }
            return of(tool);
        });
    }

    /** Every tool of the server, removed ones included (with a note), sorted by name; 404 when none is catalogued. */
    public Uni<List<Recommendation>> forServer(String server) {
        ToolNames.server(server);
        return Tool.<Tool>list("server = ?1", Sort.by("name"), server).map(tools -> {
            if (tools.isEmpty()) {
                throw ApiProblem.notFound("No tools catalogued for server '" + server + "'");
            }
            return tools.stream().map(RecommendationService::of).toList();
        });
    }

    public Uni<ObjectNode> starterPolicy(String server) {
        return forServer(server).map(all -> StarterPolicy.build(server, all));
    }

    private static Recommendation of(Tool tool) {
        return Recommendation.of(tool.server, tool.name, tool.category, tool.risk, tool.status);
    }
}
