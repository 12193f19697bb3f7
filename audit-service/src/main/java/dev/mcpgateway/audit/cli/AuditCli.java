package dev.mcpgateway.audit.cli;

import dev.mcpgateway.cli.CliArgs;
import dev.mcpgateway.cli.UsageException;
import dev.mcpgateway.cli.CliException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code audit} — the audit log from a terminal, over audit-service's REST API (no Quarkus boot, no
 * database access): list, follow, fetch one decision, count and export, with the API's own filters.
 */
public final class AuditCli {
    static final String DEFAULT_URL = "http://127.0.0.1:8083";
    static final String USAGE = """
            usage: audit <command> [options]

              events [FILTERS] [--limit N] [--cursor C] [--json]   newest first, as a table (or NDJSON)
              tail   [FILTERS] [--limit N] [--interval 2s] [--grace 5s] [--max-seconds N] [--json]
                                                    print the latest N (20) events, then new ones as they
                                                    arrive, oldest first; Ctrl-C stops
              get DECISION_ID                       one event, in full (JSON)
              stats --by decision|tool|risk [--bucket minute|hour|day] [FILTERS] [--json]
                                                    counts per time bucket (default: last 24 h, per hour)
              export [--format ndjson|csv] [FILTERS] [--out FILE]
                                                    stream every matching event (to stdout unless --out)

            FILTERS: --since 15m | --from ISO   --to ISO   --grant G   --session S   --server S   --tool T
                     --decision ALLOW|DENY|RATE_LIMITED|APPROVAL_REQUIRED|UNDECIDED   --risk low|medium|high|critical
                     --q TEXT (in the reason)
            --url URL        audit-service base URL (default $AUDIT_URL, else http://127.0.0.1:8083)
            --token T        operator token (any role; default $GATEWAY_OPERATOR_TOKEN; ./gateway sets it)
            --timeout 10s    per request
            exit: 0 ok, 1 refused by the service, 2 audit-service unreachable, 64 bad command line
            """;
    private static final Set<String> COMMON = Set.of("url", "timeout", "token");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Clock clock;
    private final Tailer.Sleeper sleeper;

    AuditCli(PrintStream out, PrintStream err, Map<String, String> env, Clock clock, Tailer.Sleeper sleeper) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = new AuditCli(out, err, System.getenv(), Clock.systemUTC(), d -> Thread.sleep(d.toMillis())).run(args);
        out.flush();
        System.exit(code);
    }

    int run(String... argv) {
        if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help") || argv[0].equals("-h")) {
            (argv.length == 0 ? err : out).print(USAGE);
            return argv.length == 0 ? CliException.EXIT_USAGE : CliException.EXIT_OK;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        try {
            return switch (argv[0]) {
                case "events" -> events(parse(rest, true, Set.of("limit", "cursor"), Set.of("json")));
                case "tail" -> tail(parse(rest, true, Set.of("limit", "interval", "grace", "max-seconds"), Set.of("json")));
                case "get" -> get(parse(rest, false, Set.of(), Set.of()));
                case "stats" -> stats(parse(rest, true, Set.of("by", "bucket"), Set.of("json")));
                case "export" -> export(parse(rest, true, Set.of("format", "out"), Set.of()));
                default -> throw new UsageException("unknown command '" + argv[0] + "'");
            };
        } catch (UsageException e) {
            err.println("audit: " + e.getMessage());
            err.print(USAGE);
            return CliException.EXIT_USAGE;
        } catch (CliException e) {
            out.flush();
            err.println("audit: " + e.getMessage());
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CliException.EXIT_OK;
        }
    }

    private static CliArgs parse(List<String> rest, boolean filters, Set<String> values, Set<String> flags) {
        Set<String> all = new HashSet<>(values);
        all.addAll(COMMON);
        if (filters) {
            all.addAll(EventQuery.FILTER_OPTIONS);
        }
        return CliArgs.parse(rest, all, flags);
    }

    private AuditClient client(CliArgs a) {
        String raw = a.option("url", env.getOrDefault("AUDIT_URL", DEFAULT_URL)).strip();
        URI url;
        try {
            url = URI.create(raw);
        } catch (IllegalArgumentException e) {
            url = null;
        }
        if (url == null || url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new UsageException("--url must be an http(s) URL like " + DEFAULT_URL + ", not '" + raw + "'");
        }
        return new AuditClient(url, Durations.parse("--timeout", a.option("timeout", "10s")),
                a.option("token", env.get("GATEWAY_OPERATOR_TOKEN")));
    }

    private int events(CliArgs a) {
        a.exactly(0, "no arguments besides options");
        Map<String, String> q = EventQuery.filters(a, clock);
        put(q, "limit", a.option("limit"));
        put(q, "cursor", a.option("cursor"));
        JsonNode page = client(a).getJson("/api/audit/events", q);
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        if (a.flag("json")) {
            items.forEach(e -> out.println(e.toString()));
        } else if (items.isEmpty()) {
            err.println("no events match");
        } else {
            out.print(EventTable.render(items, true));
        }
        String next = page.path("nextCursor").asText(null);
        if (next != null && !next.isEmpty()) {
            err.println("more events: add --cursor " + next);
        }
        return CliException.EXIT_OK;
    }

    private int tail(CliArgs a) throws InterruptedException {
        a.exactly(0, "no arguments besides options");
        if (a.option("to") != null) {
            throw new UsageException("tail follows new events; --to makes no sense here (use events)");
        }
        int initial = intOption(a, "limit", 20, 0, 1000);
        Duration interval = Durations.parse("--interval", a.option("interval", "2s"));
        Duration grace = Durations.parse("--grace", a.option("grace", "5s"));
        Duration max = a.option("max-seconds") == null ? null
                : Duration.ofSeconds(intOption(a, "max-seconds", 0, 1, Integer.MAX_VALUE));
        Map<String, String> filters = EventQuery.filters(a, clock);
        new Tailer(client(a), filters, out, err, clock, sleeper, a.flag("json")).run(initial, interval, grace, max);
        return CliException.EXIT_OK;
    }

    private int get(CliArgs a) {
        String id = a.exactly(1, "DECISION_ID").get(0);
        JsonNode e = client(a).getJson("/api/audit/events/" + AuditClient.encode(id), Map.of());
        try {
            out.println(JSON.writeValueAsString(e));
        } catch (JsonProcessingException x) {
            throw new CliException("cannot print the event: " + x.getOriginalMessage(), CliException.EXIT_FAILED);
        }
        return CliException.EXIT_OK;
    }

    private int stats(CliArgs a) {
        a.exactly(0, "no arguments besides options");
        Map<String, String> q = EventQuery.filters(a, clock);
        put(q, "by", a.option("by"));
        put(q, "bucket", a.option("bucket"));
        JsonNode stats = client(a).getJson("/api/audit/stats", q);
        if (a.flag("json")) {
            out.println(stats.toString());
        } else {
            out.print(StatsTable.render(stats));
        }
        return CliException.EXIT_OK;
    }

    private int export(CliArgs a) {
        a.exactly(0, "no arguments besides options");
        Map<String, String> q = new LinkedHashMap<>(EventQuery.filters(a, clock));
        q.put("format", a.option("format", "ndjson"));
        AuditClient client = client(a);
        String file = a.option("out");
        if (file == null) {
            client.stream("/api/audit/export", q, out);
            out.flush();
            return CliException.EXIT_OK;
        }
        Path path = Path.of(file);
        Path partial = path.resolveSibling(path.getFileName() + ".partial");
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            long bytes = client.stream("/api/audit/export", q, os);
            os.close();
            // Only a complete export takes the final name: a broken one never looks finished.
            Files.move(partial, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            err.println("wrote " + bytes + " bytes to " + file);
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage(), CliException.EXIT_FAILED);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort
            }
        }
        return CliException.EXIT_OK;
    }

    private static void put(Map<String, String> q, String name, String value) {
        if (value != null) {
            q.put(name, value);
        }
    }

    private static int intOption(CliArgs a, String name, int fallback, int min, int max) {
        String raw = a.option(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException("--" + name + " must be a whole number from " + min + " to " + max);
    }
}
