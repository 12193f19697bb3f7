package dev.mcpgateway.audit.event;

import dev.mcpgateway.support.problem.ApiProblem;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Turns raw query parameters into an {@link EventFilter}, refusing bad input with a 400 that says why. */
public final class EventFilterParser {

    /** The risk values of the DecisionEventV1 schema. */
    public static final List<String> RISKS = List.of("low", "medium", "high", "critical");
    public static final List<String> DECISIONS = Arrays.stream(DecisionEventV1.Decision.values())
            .map(Enum::name).toList();
    /** Longer values are no real id or search term, and would only make the query slower. */
    static final int MAX_VALUE_LENGTH = 256;

    private EventFilterParser() {
    }

    public static EventFilter parse(String from, String to, String grant, String session, String server, String tool,
            String decision, String risk, String q) {
        Instant fromTime = instant("from", from);
        Instant toTime = instant("to", to);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw ApiProblem.badRequest("time range is empty or inverted: from (" + fromTime
                    + ") must be before to (" + toTime + ")");
        }
        return new EventFilter(fromTime, toTime, text("grant", grant), text("session", session),
                text("server", server), text("tool", tool), oneOf("decision", decision, DECISIONS, true),
                oneOf("risk", risk, RISKS, false), text("q", q));
    }

    /** ISO-8601 instant ({@code 2026-01-01T00:00:00Z}) or with an offset ({@code +02:00}). */
    static Instant instant(String name, String raw) {
        String value = blankToNull(raw);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e2) {
                throw ApiProblem.badRequest(name + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, not '"
                        + abbreviate(value) + "'");
            }
        }
    }

    public static int limit(String raw, int defaultLimit, int maxLimit) {
        String value = blankToNull(raw);
        if (value == null) {
            return defaultLimit;
        }
        int limit;
        try {
            limit = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("limit must be a whole number from 1 to " + maxLimit + ", not '"
                    + abbreviate(value) + "'");
        }
        if (limit < 1 || limit > maxLimit) {
            throw ApiProblem.badRequest("limit must be from 1 to " + maxLimit + ", not " + limit);
        }
        return limit;
    }

    static String oneOf(String name, String raw, List<String> allowed, boolean upperCase) {
        String value = blankToNull(raw);
        if (value == null) {
            return null;
        }
        String normalized = upperCase ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(normalized)) {
            throw ApiProblem.badRequest("unknown " + name + " '" + abbreviate(value) + "'; allowed: "
                    + allowed.stream().collect(Collectors.joining(", ")));
        }
        return normalized;
    }

    static String text(String name, String raw) {
        String value = blankToNull(raw);
        if (value != null && value.length() > MAX_VALUE_LENGTH) {
            throw ApiProblem.badRequest(name + " is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        return value;
    }

    private static String blankToNull(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
