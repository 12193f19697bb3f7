package dev.mcpgateway.audit.stats;

import dev.mcpgateway.support.problem.ApiProblem;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What stats counts by; each maps to a fixed SQL expression, never to client text. */
public enum StatsDimension {
    DECISION("decision"),
    TOOL("tool"),
    RISK("coalesce(tool_risk, 'unclassified')");

    final String sql;

    StatsDimension(String sql) {
        this.sql = sql;
    }

    public static StatsDimension parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return DECISION;
        }
        try {
            return valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("unknown by '" + raw.strip() + "'; allowed: " + Arrays.stream(values())
                    .map(d -> d.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }
}
