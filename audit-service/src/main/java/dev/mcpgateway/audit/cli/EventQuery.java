package dev.mcpgateway.audit.cli;

import dev.mcpgateway.cli.CliArgs;
import dev.mcpgateway.cli.UsageException;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The filter options shared by events, tail, stats and export, turned into the query parameters of
 * audit-service's {@code FilterParams}: from, to, grant, session, server, tool, decision, risk, q.
 * Values go to the service as typed, so its {@code EventFilterParser} stays the one judge of what is
 * valid (its 400 is printed as it comes); {@code --since} is resolved here against the local clock.
 */
final class EventQuery {
    static final Set<String> FILTER_OPTIONS = Set.of("since", "from", "to", "grant", "session", "server", "tool",
            "decision", "risk", "q");
    private static final String[] PASSED_THROUGH = {"to", "grant", "session", "server", "tool", "decision", "risk", "q"};

    private EventQuery() {
    }

    static Map<String, String> filters(CliArgs a, Clock clock) {
        Map<String, String> q = new LinkedHashMap<>();
        String since = a.option("since");
        String from = a.option("from");
        if (since != null && from != null) {
            throw new UsageException("give --since or --from, not both");
        }
        if (since != null) {
            q.put("from", Instant.now(clock).minus(Durations.parse("--since", since)).toString());
        } else if (from != null) {
            q.put("from", from);
        }
        for (String name : PASSED_THROUGH) {
            String v = a.option(name);
            if (v != null) {
                q.put(name, v);
            }
        }
        return q;
    }
}
