package dev.mcpgateway.audit.stats;

import dev.mcpgateway.support.problem.ApiProblem;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Width of one stats time bucket (UTC, aligned by PostgreSQL's date_trunc). */
public enum StatsBucket {
    MINUTE(Duration.ofMinutes(1)),
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1));

    final Duration width;

    StatsBucket(Duration width) {
        this.width = width;
    }

    /** The date_trunc field name; a constant, so it is safe to write into SQL. */
    String field() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StatsBucket parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return HOUR;
        }
        try {
            return valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("unknown bucket '" + raw.strip() + "'; allowed: " + Arrays.stream(values())
                    .map(StatsBucket::field).collect(Collectors.joining(", ")));
        }
    }
}
