package dev.mcpgateway.catalog.tool;

import dev.mcpgateway.catalog.CatalogConfig;
import dev.mcpgateway.support.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Turns raw query parameters into a {@link ToolFilter}, or a 400 that names the bad parameter. */
@ApplicationScoped
public class ToolFilterParser {

    /** Longest accepted {@code q}: a search term, not a document. */
    static final int MAX_TEXT = 200;

    private final int defaultSize;
    private final int maxSize;

    @Inject
    public ToolFilterParser(CatalogConfig config) {
        this(config.list().defaultSize(), config.list().maxSize());
    }

    ToolFilterParser(int defaultSize, int maxSize) {
        this.defaultSize = defaultSize;
        this.maxSize = maxSize;
    }

    public ToolFilter parse(String server, String category, String risk, String status, String q, String page, String size) {
        return new ToolFilter(
                text(server),
                text(category).map(v -> WireEnum.parse(Category.class, "category", v)),
                text(risk).map(v -> WireEnum.parse(Risk.class, "risk", v)),
                text(status).map(v -> WireEnum.parse(ToolStatus.class, "status", v)),
                query(q),
                integer("page", page, 0, 0, Integer.MAX_VALUE),
                integer("size", size, defaultSize, 1, maxSize));
    }

    private static Optional<String> text(String raw) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
    }

    private static Optional<String> query(String raw) {
        Optional<String> q = text(raw);
        if (q.isPresent() && q.get().length() > MAX_TEXT) {
            throw ApiProblem.badRequest("'q' is longer than " + MAX_TEXT + " characters");
        }
        return q;
    }

    private static int integer(String field, String raw, int absent, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("'" + field + "' must be an integer from " + min + " to " + max + ", got '" + raw + "'");
        }
        if (value < min || value > max) {
            throw ApiProblem.badRequest("'" + field + "' must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }
}
