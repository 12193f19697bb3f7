package dev.mcpgateway.audit.cli;

import dev.mcpgateway.cli.CliException;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows the audit log: polls {@code GET /api/audit/events} and prints each event once, oldest first.
 * The keyset is the newest timestamp seen: each poll asks for events from that time minus a grace
 * period (events are stamped when the proxy decides and may be stored a little later than newer
 * ones), and skips the decision ids it has already printed. Survives audit-service restarts: an
 * unreachable service is reported once and polling goes on.
 */
final class Tailer {
    /** Most pages read per poll: a burst beyond this is printed on the following polls. */
    static final int MAX_PAGES_PER_POLL = 20;
    static final int PAGE_SIZE = 500;

    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final AuditClient client;
    private final Map<String, String> filters;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final Sleeper sleeper;
    private final boolean json;
    /** Printed decision ids → their timestamp, forgotten once older than the grace window. */
    private final Map<String, Instant> printed = new HashMap<>();
    private Instant newest;
    private boolean headerPrinted;

    Tailer(AuditClient client, Map<String, String> filters, PrintStream out, PrintStream err, Clock clock,
           Sleeper sleeper, boolean json) {
        this.client = client;
        this.filters = filters;
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.sleeper = sleeper;
        this.json = json;
    }

    /**
     * Prints the latest {@code initial} events, then new ones every {@code interval} until
     * {@code maxRun} has passed (null = until interrupted). Returns how many events were printed.
     */
    long run(int initial, Duration interval, Duration grace, Duration maxRun) throws InterruptedException {
        Instant deadline = maxRun == null ? null : Instant.now(clock).plus(maxRun);
        Map<String, String> first = new LinkedHashMap<>(filters);
        // The service refuses limit=0: with --limit 0 fetch one to learn where the log ends, print nothing.
        first.put("limit", Integer.toString(Math.max(1, initial)));
        List<JsonNode> latest = items(client.getJson("/api/audit/events", first));
        long count = 0;
        if (initial == 0) {
            remember(latest);
        } else {
            count = print(latest);
        }
        if (newest == null) {
            // Nothing yet: start from now (or the user's --from), never from the whole log.
            newest = filters.containsKey("from") ? parse(filters.get("from")) : Instant.now(clock);
        }
        boolean down = false;
        while (deadline == null || Instant.now(clock).isBefore(deadline)) {
            sleeper.sleep(interval);
            try {
                count += print(poll(grace));
                if (down) {
                    err.println("audit: audit-service is back");
                    down = false;
                }
            } catch (CliException e) {
                if (e.exitCode() != CliException.EXIT_UNREACHABLE) {
                    throw e;
                }
                if (!down) {
                    err.println("audit: " + e.getMessage() + "; retrying every " + interval.toMillis() + " ms");
                    down = true;
                }
            }
        }
        return count;
    }

    private List<JsonNode> poll(Duration grace) {
        Instant since = newest.minus(grace);
        Map<String, String> q = new LinkedHashMap<>(filters);
        String userFrom = filters.get("from");
        if (userFrom == null || parse(userFrom).isBefore(since)) {
            q.put("from", since.toString());
        }
        q.put("limit", Integer.toString(PAGE_SIZE));
        List<JsonNode> fresh = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES_PER_POLL; page++) {
            JsonNode body = client.getJson("/api/audit/events", q);
            for (JsonNode e : items(body)) {
                if (!printed.containsKey(e.path("decisionId").asText())) {
                    fresh.add(e);
                }
            }
            String next = body.path("nextCursor").asText(null);
            if (next == null || next.isEmpty()) {
                break;
            }
            q.put("cursor", next);
        }
        forgetOlderThan(since);
        return fresh;
    }

    /** Sorts events oldest first and marks them printed. */
    private List<JsonNode> remember(List<JsonNode> events) {
        List<JsonNode> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(Tailer::timestamp).thenComparing(e -> e.path("decisionId").asText()));
        for (JsonNode e : sorted) {
            Instant t = timestamp(e);
            printed.put(e.path("decisionId").asText(), t);
            if (newest == null || t.isAfter(newest)) {
                newest = t;
            }
        }
        return sorted;
    }

    /** Prints events oldest first and remembers them. */
    private long print(List<JsonNode> events) {
        List<JsonNode> sorted = remember(events);
        if (sorted.isEmpty()) {
            return 0;
        }
        if (json) {
            sorted.forEach(e -> out.println(e.toString()));
        } else {
            out.print(EventTable.render(sorted, !headerPrinted));
            headerPrinted = true;
        }
        out.flush();
        return sorted.size();
    }

    private void forgetOlderThan(Instant cutoff) {
        printed.values().removeIf(t -> t.isBefore(cutoff));
    }

    private static List<JsonNode> items(JsonNode page) {
        List<JsonNode> out = new ArrayList<>();
        page.path("items").forEach(out::add);
        return out;
    }

    static Instant timestamp(JsonNode e) {
        JsonNode t = e.path("timestamp");
        if (t.isNumber()) {
            return Instant.ofEpochMilli((long) (t.doubleValue() * 1000));
        }
        return parse(t.asText());
    }

    private static Instant parse(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return Instant.EPOCH;
            }
        }
    }
}
