package dev.mcpgateway.catalog.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A validated listing query. Empty optionals match everything. */
public record ToolFilter(
        Optional<String> server,
        Optional<Category> category,
        Optional<Risk> risk,
        Optional<ToolStatus> status,
        Optional<String> text,
        int page,
        int size) {

    /** HQL {@code where} clause (without the keyword; {@code "1 = 1"} when nothing is filtered) and its parameters. */
    public Where where() {
        List<String> terms = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        server.ifPresent(v -> {
            terms.add("server = :server");
            params.put("server", v);
        });
        category.ifPresent(v -> {
            terms.add("category = :category");
            params.put("category", v);
        });
        risk.ifPresent(v -> {
            terms.add("risk = :risk");
            params.put("risk", v);
        });
        status.ifPresent(v -> {
            terms.add("status = :status");
            params.put("status", v);
        });
        text.ifPresent(v -> {
            terms.add("(lower(name) like :text escape '\\' or lower(description) like :text escape '\\')");
            params.put("text", "%" + escapeLike(v.toLowerCase(Locale.ROOT)) + "%");
        });
        return new Where(terms.isEmpty() ? "1 = 1" : String.join(" and ", terms), params);
    }

    /** The text is matched literally: % and _ typed by a user are not wildcards. */
    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public record Where(String clause, Map<String, Object> params) {
    }
}
