package dev.mcpgateway.catalog.tool;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/** Read queries over tool records. Callers supply the reactive session (e.g. {@code @WithSession}). */
@ApplicationScoped
public class ToolQueries {

    public Uni<ToolPage> list(ToolFilter filter) {
        ToolFilter.Where where = filter.where();
        PanacheQuery<Tool> query = Tool.find(where.clause(), Sort.by("server").and("name"), parameters(where.params()));
        // One session cannot run two statements at once: count, then fetch the page.
        return query.count().chain(total -> query.page(Page.of(filter.page(), filter.size())).list()
                .map(tools -> new ToolPage(tools.stream().map(ToolView::of).toList(), total, filter.page(), filter.size())));
    }

    public Uni<CategoryRiskCounts> counts(Optional<String> server, Optional<ToolStatus> status) {
        ToolFilter.Where where = new ToolFilter(server, Optional.empty(), Optional.empty(), status, Optional.empty(), 0, 1).where();
        String hql = "select category, risk, count(*) from Tool where " + where.clause() + " group by category, risk";
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery(hql, Object[].class);
            where.params().forEach(query::setParameter);
            return query.getResultList();
        }).map(CategoryRiskCounts::fromRows);
    }

    private static Parameters parameters(Map<String, Object> params) {
        Parameters p = new Parameters();
        params.forEach(p::and);
        return p;
    }
}
