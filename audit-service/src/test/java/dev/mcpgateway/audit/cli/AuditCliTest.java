package dev.mcpgateway.audit.cli;

import dev.mcpgateway.cli.CliException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCliTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** The test clock: tail's sleeper moves it instead of sleeping. */
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final List<Runnable> onSleep = new ArrayList<>();
    private FakeAuditService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    static String event(String id, String time, String decision, String tool, String grant, String reason) {
        return "{\"eventVersion\":1,\"decisionId\":\"" + id + "\",\"timestamp\":\"" + time + "\",\"grantId\":\"" + grant
                + "\",\"grantName\":\"" + grant + "\",\"server\":\"smartlead\",\"tool\":\"" + tool + "\",\"decision\":\""
                + decision + "\",\"enforced\":true,\"reason\":" + (reason == null ? "null" : "\"" + reason + "\"")
                + ",\"argumentKeys\":[],\"upstreamOutcome\":\"OK\",\"totalLatencyMs\":3}";
    }

    static String page(String nextCursor, String... events) {
        return "{\"items\":[" + String.join(",", events) + "],\"nextCursor\":"
                + (nextCursor == null ? "null" : "\"" + nextCursor + "\"") + "}";
    }

    private int run(String... args) {
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        Tailer.Sleeper sleeper = d -> {
            now.set(now.get().plus(d));
            if (!onSleep.isEmpty()) {
                onSleep.remove(0).run();
            }
        };
        List<String> all = new ArrayList<>(List.of(args));
        if (service != null && !all.contains("--url")) {
            all.add("--url");
            all.add(service.url());
        }
        return new AuditCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), clock, sleeper).run(all.toArray(String[]::new));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theOperatorTokenIsSentAsABearerTokenAndA403IsExplained() throws IOException {
        service = new FakeAuditService(r -> r.authorization() == null
                ? FakeAuditService.Answer.problem(401, "Unauthorized", "needs a bearer token")
                : FakeAuditService.Answer.problem(403, "Forbidden", "This operation needs the role viewer"));
        assertEquals(CliException.EXIT_FAILED, run("events", "--token", "mgw_op_abc"));
        assertEquals("Bearer mgw_op_abc", service.requests.get(0).authorization());
        assertTrue(err().contains("needs the role viewer"), err());
        assertEquals(CliException.EXIT_FAILED, run("events"));
        assertEquals(null, service.requests.get(1).authorization());
        assertTrue(err().contains("needs a bearer token"), err());
    }

    @Test
    void eventsPassesEveryFilterAndPrintsATable() throws IOException {
        service = new FakeAuditService(r -> FakeAuditService.Answer.json(page("CUR",
                event("d2", "2026-03-01T11:59:30.120Z", "RATE_LIMITED", "smartlead_retrigger_failed_events", "agent-a",
                        "Rate limit 'x' reached: 10 calls per minute per grant. Retry in 30 s."),
                event("d1", "2026-03-01T11:58:00Z", "ALLOW", "smartlead_list_campaigns", "agent-a", null))));
        assertEquals(CliException.EXIT_OK, run("events", "--since", "15m", "--grant", "g1", "--session", "s1", "--server",
                "smartlead", "--tool", "t", "--decision", "deny", "--risk", "high", "--q", "limit 10%", "--limit", "2"));
        FakeAuditService.Request req = service.requests.get(0);
        assertEquals("/api/audit/events", req.path());
        assertEquals(Map.of("from", "2026-03-01T11:45:00Z", "grant", "g1", "session", "s1", "server", "smartlead",
                "tool", "t", "decision", "deny", "risk", "high", "q", "limit 10%", "limit", "2"), req.query());
        List<String> lines = out().lines().toList();
        assertEquals(3, lines.size(), out());
        assertTrue(lines.get(0).startsWith("TIME (UTC)           DECISION      TOOL"), lines.get(0));
        assertTrue(lines.get(1).startsWith("2026-03-01 11:59:30  RATE_LIMITED  smartlead_retrigger_failed_events  agent-a"),
                lines.get(1));
        assertTrue(lines.get(1).endsWith("Retry in 30 s."), lines.get(1));
        assertEquals("2026-03-01 11:58:00  ALLOW         smartlead_list_campaigns           agent-a", lines.get(2));
        assertTrue(err().contains("more events: add --cursor CUR"), err());
    }

    @Test
    void jsonOutputIsOneEventPerLine() throws IOException {
        service = new FakeAuditService(r -> FakeAuditService.Answer.json(page(null,
                event("d1", "2026-03-01T11:58:00Z", "DENY", "t", "g", "no"))));
        assertEquals(CliException.EXIT_OK, run("events", "--from", "2026-03-01T00:00:00Z", "--to", "2026-03-02T00:00:00Z", "--json"));
        assertEquals("2026-03-01T00:00:00Z", service.requests.get(0).query().get("from"));
        assertEquals("d1", new ObjectMapper().readTree(out().strip()).get("decisionId").asText());
    }

    @Test
    void aProblemFromTheServiceIsPrintedPlainlyWithExit1() throws IOException {
        service = new FakeAuditService(r -> FakeAuditService.Answer.problem(400, "Bad Request",
                "unknown decision 'MAYBE'; allowed: ALLOW, DENY, RATE_LIMITED, APPROVAL_REQUIRED, UNDECIDED"));
        assertEquals(CliException.EXIT_FAILED, run("events", "--decision", "maybe"));
        assertEquals("audit: audit-service answered 400 Bad Request: unknown decision 'MAYBE'; allowed: ALLOW, DENY, "
                + "RATE_LIMITED, APPROVAL_REQUIRED, UNDECIDED", err().strip());
    }

    @Test
    void anUnreachableServiceExitsWith2() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(CliException.EXIT_UNREACHABLE, run("events", "--url", "http://127.0.0.1:" + port));
        assertTrue(err().contains("audit-service is not reachable at http://127.0.0.1:" + port), err());
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        assertEquals(CliException.EXIT_USAGE, run("events", "--since", "15 minutes"));
        assertEquals(CliException.EXIT_USAGE, run("events", "--since", "1h", "--from", "2026-01-01T00:00:00Z"));
        assertEquals(CliException.EXIT_USAGE, run("events", "--colour"));
        assertEquals(CliException.EXIT_USAGE, run("tail", "--to", "2026-01-01T00:00:00Z"));
        assertEquals(CliException.EXIT_USAGE, run("get"));
        assertEquals(CliException.EXIT_USAGE, run("events", "--url", "ftp://x"));
        assertEquals(CliException.EXIT_USAGE, run("nope"));
        assertTrue(err().contains("usage: audit"), err());
    }

    @Test
    void getPrintsTheWholeEvent() throws IOException {
        service = new FakeAuditService(r -> r.path().equals("/api/audit/events/abc%2F1") || r.path().equals("/api/audit/events/abc/1")
                ? FakeAuditService.Answer.json(event("abc/1", "2026-03-01T11:58:00Z", "DENY", "t", "g", "no"))
                : FakeAuditService.Answer.problem(404, "Not Found", "no audit event with decision id 'x'"));
        assertEquals(CliException.EXIT_OK, run("get", "abc/1"));
        assertEquals("abc/1", new ObjectMapper().readTree(out()).get("decisionId").asText());
        assertEquals(CliException.EXIT_FAILED, run("get", "x"));
        assertTrue(err().contains("404 Not Found: no audit event with decision id 'x'"), err());
    }

    @Test
    void statsAsATableWithTotals() throws IOException {
        service = new FakeAuditService(r -> FakeAuditService.Answer.json("""
                {"by":"decision","bucket":"hour","from":"2026-03-01T10:00:00Z","to":"2026-03-01T12:00:00Z","buckets":[
                  {"start":"2026-03-01T10:00:00Z","counts":{"ALLOW":40,"DENY":2}},
                  {"start":"2026-03-01T11:00:00Z","counts":{"ALLOW":10,"RATE_LIMITED":5}}]}
                """));
        assertEquals(CliException.EXIT_OK, run("stats", "--by", "decision", "--bucket", "hour", "--since", "2h"));
        assertEquals(Map.of("from", "2026-03-01T10:00:00Z", "by", "decision", "bucket", "hour"), service.requests.get(0).query());
        assertEquals(List.of(
                "counts by decision per hour, 2026-03-01T10:00:00Z to 2026-03-01T12:00:00Z",
                "BUCKET (UTC)         ALLOW  RATE_LIMITED  DENY  TOTAL",
                "2026-03-01 10:00:00     40             0     2     42",
                "2026-03-01 11:00:00     10             5     0     15",
                "total                   50             5     2     57"), out().lines().toList());
    }

    @Test
    void exportStreamsToAFileOnlyWhenComplete() throws IOException {
        service = new FakeAuditService(r -> r.query().get("format").equals("csv")
                ? new FakeAuditService.Answer(200, "text/csv", "decisionId,timestamp\nd1,2026-03-01T11:58:00Z\n")
                : FakeAuditService.Answer.problem(400, "Bad Request", "unknown format 'xml'; allowed: ndjson, csv"));
        Path file = dir.resolve("audit.csv");
        assertEquals(CliException.EXIT_OK, run("export", "--format", "csv", "--tool", "t", "--out", file.toString()));
        assertEquals("decisionId,timestamp\nd1,2026-03-01T11:58:00Z\n", Files.readString(file));
        assertEquals("t", service.requests.get(0).query().get("tool"));
        assertEquals("/api/audit/export", service.requests.get(0).path());
        Path bad = dir.resolve("bad.xml");
        assertEquals(CliException.EXIT_FAILED, run("export", "--format", "xml", "--out", bad.toString()));
        assertFalse(Files.exists(bad));
        assertFalse(Files.exists(dir.resolve("bad.xml.partial")));
        out.reset();
        assertEquals(CliException.EXIT_OK, run("export", "--format", "csv"));
        assertEquals("decisionId,timestamp\nd1,2026-03-01T11:58:00Z\n", out());
    }

    @Test
    void tailPrintsNewEventsOnceOldestFirstIncludingLateOnes() throws IOException {
        String e1 = event("d1", "2026-03-01T11:59:00Z", "ALLOW", "a", "g", null);
        String e2 = event("d2", "2026-03-01T11:59:58Z", "DENY", "b", "g", "no");
        String e3 = event("d3", "2026-03-01T12:00:01Z", "ALLOW", "c", "g", null);
        // Stored late: stamped before e3 but only visible on the third poll.
        String late = event("d0", "2026-03-01T11:59:59Z", "ALLOW", "late", "g", null);
        AtomicReference<String> visible = new AtomicReference<>(page(null, e2, e1));
        service = new FakeAuditService(r -> FakeAuditService.Answer.json(visible.get()));
        onSleep.add(() -> visible.set(page(null, e3, e2)));
        onSleep.add(() -> visible.set(page(null, e3, late, e2)));
        onSleep.add(() -> { });
        assertEquals(CliException.EXIT_OK, run("tail", "--tool", "x", "--interval", "1s", "--max-seconds", "4"));
        List<String> lines = out().lines().toList();
        assertEquals(5, lines.size(), out());
        assertTrue(lines.get(0).startsWith("TIME (UTC)"));
        assertTrue(lines.get(1).contains(" a "), lines.get(1));
        assertTrue(lines.get(2).contains(" b "), lines.get(2));
        assertTrue(lines.get(3).contains(" c "), lines.get(3));
        assertTrue(lines.get(4).contains(" late "), lines.get(4));
        // The first request asks for the latest events; polls ask from the newest seen minus the grace.
        assertEquals("20", service.requests.get(0).query().get("limit"));
        assertEquals("x", service.requests.get(1).query().get("tool"));
        assertEquals("2026-03-01T11:59:53Z", service.requests.get(1).query().get("from"));
        assertEquals("2026-03-01T11:59:56Z", service.requests.get(2).query().get("from"));
    }

    @Test
    void tailKeepsPollingWhileTheServiceIsDown() throws IOException {
        service = new FakeAuditService(r -> FakeAuditService.Answer.json(page(null)));
        String url = service.url();
        onSleep.add(() -> service.close());
        assertEquals(CliException.EXIT_OK, run("tail", "--interval", "1s", "--max-seconds", "3", "--url", url));
        assertTrue(err().contains("audit-service is not reachable"), err());
        assertEquals(1, err().lines().filter(l -> l.contains("not reachable")).count(), "reported once: " + err());
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMinutes(15), Durations.parse("--since", "15m"));
        assertEquals(Duration.ofMillis(500), Durations.parse("--since", "500ms"));
        assertEquals(Duration.ofDays(7), Durations.parse("--since", "7d"));
    }
}
