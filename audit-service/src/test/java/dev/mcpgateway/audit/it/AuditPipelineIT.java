package dev.mcpgateway.audit.it;

import static dev.mcpgateway.testsupport.Operators.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mcpgateway.audit.TestEvents;
import dev.mcpgateway.audit.retention.RetentionJob;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import dev.mcpgateway.contracts.audit.DecisionEventV1.Decision;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path against the real broker and PostgreSQL (mcp_audit_test): records produced with a plain
 * KafkaProducer, as the proxy does, then read back through the REST API. Every test uses its own session
 * id, so runs and tests never see each other's rows.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopics.class)
class AuditPipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, byte[]> producer;

    @Inject
    RetentionJob retention;

    @BeforeAll
    static void producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopics.BOOTSTRAP);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void close() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void anEventIsStoredAndServedAsTheContractJson() throws Exception {
        String session = session();
        DecisionEventV1 sent = TestEvents.withArguments(
                event(UUID.randomUUID().toString(), session, Instant.now(), Decision.ALLOW, "low", "allowed"),
                Map.of("campaign_id", 42));
        send(sent);

        JsonPath item = awaitPage("session=" + session, 1).setRootPath("items[0]");
        assertEquals(sent.decisionId(), item.getString("decisionId"));
        assertEquals(sent.timestamp().truncatedTo(ChronoUnit.MICROS).toString(), item.getString("timestamp"));
        assertEquals(42, item.getInt("arguments.campaign_id"));
        assertEquals(List.of("campaign_id"), item.getList("argumentKeys"));
        assertEquals(List.of("api_key"), item.getList("maskedPaths"));
        assertNull(item.get("limitRemaining"));

        DecisionEventV1 back = JSON.readValue(given().get("/api/audit/events/" + sent.decisionId())
                .then().statusCode(200).extract().asByteArray(), DecisionEventV1.class);
        assertEquals(withMicros(sent), back);
    }

    @Test
    void theSameDecisionIdTwiceIsOneRow() throws Exception {
        String session = session();
        String id = UUID.randomUUID().toString();
        DecisionEventV1 event = event(id, session, Instant.now(), Decision.DENY, "high", "not allowed");
        send(event);
        send(event);
        // A third, distinct event sent last: once it is stored, both copies before it have been consumed.
        send(event(UUID.randomUUID().toString(), session, Instant.now().minusSeconds(5), Decision.ALLOW, "low", "ok"));

        JsonPath page = awaitPage("session=" + session, 2);
        Thread.sleep(1000);
        page = page("session=" + session);
        assertEquals(2, page.getList("items").size(), "one row per decision id");
        assertEquals(1, page.getList("items.findAll { it.decisionId == '" + id + "' }").size());
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndConsumptionGoesOn() throws Exception {
        String session = session();
        producer.send(new ProducerRecord<>(KafkaTopics.TOPIC, session, "{not json".getBytes(StandardCharsets.UTF_8))).get();
        ObjectNode noId = JSON.valueToTree(event("x", session, Instant.now(), Decision.ALLOW, "low", "r"));
        noId.remove("decisionId");
        producer.send(new ProducerRecord<>(KafkaTopics.TOPIC, session, JSON.writeValueAsBytes(noId))).get();
        DecisionEventV1 good = event(UUID.randomUUID().toString(), session, Instant.now(), Decision.ALLOW, "low", "ok");
        send(good);

        awaitPage("session=" + session, 1);
        given().get("/api/audit/events/" + good.decisionId()).then().statusCode(200);

        List<ConsumerRecord<String, byte[]>> dead = deadLetters(session, 2);
        assertEquals("{not json", new String(dead.get(0).value(), StandardCharsets.UTF_8));
        assertTrue(header(dead.get(0), "dead-letter-reason").startsWith("not JSON"), header(dead.get(0), "dead-letter-reason"));
        assertEquals(KafkaTopics.TOPIC, header(dead.get(0), "dead-letter-topic"));
        assertTrue(header(dead.get(1), "dead-letter-reason").contains("decisionId"), header(dead.get(1), "dead-letter-reason"));
    }

    /**
     * A record that is valid JSON and valid against the schema but that PostgreSQL refuses (a NUL character, which
     * jsonb cannot hold: SQLSTATE 22P05) is dead-lettered with the database's reason, as Hibernate Reactive reports
     * it, and the records around it are stored.
     */
    @Test
    void aRecordTheDatabaseRefusesIsDeadLetteredAndTheOthersAreStored() throws Exception {
        String session = session();
        DecisionEventV1 before = event(UUID.randomUUID().toString(), session, Instant.now().minusSeconds(2), Decision.ALLOW, "low", "ok");
        DecisionEventV1 refused = event(UUID.randomUUID().toString(), session, Instant.now().minusSeconds(1), Decision.DENY, "low",
                "a NUL \u0000 in the reason");
        DecisionEventV1 after = event(UUID.randomUUID().toString(), session, Instant.now(), Decision.ALLOW, "low", "ok");
        send(before);
        send(refused);
        send(after);

        List<ConsumerRecord<String, byte[]>> dead = deadLetters(session, 1);
        assertEquals(refused.decisionId(), JSON.readTree(dead.get(0).value()).path("decisionId").asText());
        assertTrue(header(dead.get(0), "dead-letter-reason").startsWith("rejected by the database"),
                header(dead.get(0), "dead-letter-reason"));
        JsonPath page = awaitPage("session=" + session, 2);
        assertEquals(List.of(after.decisionId(), before.decisionId()), page.getList("items.decisionId"));
        given().get("/api/audit/events/" + refused.decisionId()).then().statusCode(404);
    }

    @Test
    void filtersAndKeysetPagesNewestFirstStayStableWhileRowsArrive() throws Exception {
        String session = session();
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        List<DecisionEventV1> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Decision d = i % 3 == 0 ? Decision.DENY : Decision.ALLOW;
            events.add(event(String.format("%s-%02d", session, i), session, base.plusSeconds(i), d,
                    i < 2 ? "critical" : "low", d == Decision.DENY ? "denied: tool is destructive" : "allowed"));
        }
        // Two events in the same instant: the decision id breaks the tie, and pages must not split them wrongly.
        events.add(event(session + "-tie", session, base.plusSeconds(6), Decision.ALLOW, "low", "allowed"));
        for (DecisionEventV1 e : events) {
            send(e);
        }
        awaitPage("session=" + session, events.size());

        List<String> expected = events.stream()
                .sorted((a, b) -> a.timestamp().equals(b.timestamp())
                        ? b.decisionId().compareTo(a.decisionId()) : b.timestamp().compareTo(a.timestamp()))
                .map(DecisionEventV1::decisionId).toList();

        List<String> walked = new ArrayList<>();
        JsonPath page = page("session=" + session + "&limit=3");
        walked.addAll(page.getList("items.decisionId"));
        // A newer row arriving mid-walk must not shift the following pages.
        send(event(session + "-late", session, Instant.now(), Decision.ALLOW, "low", "allowed"));
        awaitPage("session=" + session, events.size() + 1);
        while (page.getString("nextCursor") != null) {
            page = page("session=" + session + "&limit=3&cursor=" + page.getString("nextCursor"));
            assertTrue(page.getList("items").size() <= 3);
            walked.addAll(page.getList("items.decisionId"));
        }
        assertEquals(expected, walked);

        assertEquals(3, page("session=" + session + "&decision=deny").getList("items").size());
        assertEquals(2, page("session=" + session + "&risk=critical").getList("items").size());
        assertEquals(3, page("session=" + session + "&q=DESTRUCTIVE").getList("items").size());
        assertEquals(0, page("session=" + session + "&q=50%25").getList("items").size());
        assertEquals(List.of(session + "-02", session + "-01"), page("session=" + session
                + "&from=" + base.plusSeconds(1) + "&to=" + base.plusSeconds(3)).getList("items.decisionId"));
        assertEquals(9, page("session=" + session + "&tool=smartlead_get_campaign&server=smartlead&grant=g-1")
                .getList("items").size());
        assertEquals(0, page("session=" + session + "&grant=someone-else").getList("items").size());

        // Stats over the same rows.
        JsonPath stats = JsonPath.from(given().queryParam("session", session).queryParam("by", "decision")
                .queryParam("bucket", "day").queryParam("from", base.toString())
                .queryParam("to", base.plusSeconds(60).toString())
                .get("/api/audit/stats").then().statusCode(200).extract().asString());
        int allow = 0;
        int deny = 0;
        for (Map<String, Object> b : stats.<Map<String, Object>>getList("buckets")) {
            @SuppressWarnings("unchecked")
            Map<String, Integer> counts = (Map<String, Integer>) b.get("counts");
            allow += counts.getOrDefault("ALLOW", 0);
            deny += counts.getOrDefault("DENY", 0);
        }
        assertEquals(5, allow);
        assertEquals(3, deny);

        // Export streams the same range: NDJSON (export page size is 3 in tests, so this crosses pages).
        Response ndjson = given().queryParam("session", session).queryParam("format", "ndjson").get("/api/audit/export");
        ndjson.then().statusCode(200).header("Content-Type", startsWith("application/x-ndjson"));
        List<String> lines = ndjson.asString().lines().toList();
        assertEquals(events.size() + 1, lines.size());
        assertEquals(session + "-late", JSON.readValue(lines.get(0), DecisionEventV1.class).decisionId());
        assertEquals(expected, lines.stream().skip(1).map(l -> {
            try {
                return JSON.readValue(l, DecisionEventV1.class).decisionId();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList());

        Response csv = given().queryParam("session", session).queryParam("format", "csv").get("/api/audit/export");
        csv.then().statusCode(200).header("Content-Type", startsWith("text/csv"));
        List<String> rows = csv.asString().lines().toList();
        assertEquals(events.size() + 2, rows.size());
        assertTrue(rows.get(0).startsWith("eventVersion,decisionId,timestamp,"), rows.get(0));
        assertTrue(rows.get(1).startsWith("1," + session + "-late,"), rows.get(1));
    }

    @Test
    void badQueriesAreProblemsThatSayWhy() {
        problem("/api/audit/events?decision=MAYBE", 400, "allowed: ALLOW, DENY, RATE_LIMITED, APPROVAL_REQUIRED, UNDECIDED");
        problem("/api/audit/events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", 400, "inverted");
        problem("/api/audit/events?limit=1000000", 400, "limit must be from 1 to 1000");
        problem("/api/audit/events?limit=lots", 400, "limit must be a whole number");
        problem("/api/audit/events?cursor=bogus", 400, "cursor");
        problem("/api/audit/events?from=yesterday", 400, "ISO-8601");
        problem("/api/audit/events/" + UUID.randomUUID(), 404, "no audit event with decision id");
        problem("/api/audit/stats?by=session", 400, "allowed: decision, tool, risk");
        problem("/api/audit/stats?bucket=minute&from=2020-01-01T00:00:00Z", 400, "buckets");
        problem("/api/audit/export?format=xml", 400, "allowed: ndjson, csv");
        given().get("/api/audit/nothing-here").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void retentionDeletesOnlyRowsOlderThanTheRetentionPeriod() throws Throwable {
        String session = session();
        DecisionEventV1 old = event(UUID.randomUUID().toString(), session, Instant.now().minus(Duration.ofDays(400)),
                Decision.ALLOW, "low", "old");
        DecisionEventV1 recent = event(UUID.randomUUID().toString(), session, Instant.now(), Decision.ALLOW, "low", "new");
        send(old);
        send(recent);
        awaitPage("session=" + session, 2);

        Long deleted = VertxContextSupport.subscribeAndAwait(() -> retention.purge(Instant.now()));
        assertTrue(deleted >= 1, "deleted " + deleted);
        given().get("/api/audit/events/" + old.decisionId()).then().statusCode(404);
        given().get("/api/audit/events/" + recent.decisionId()).then().statusCode(200);
    }

    @Test
    void readyOnlyWithKafkaAndTheDatabase() {
        String body = given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .extract().asString();
        assertTrue(body.contains("Kafka"), body);
        assertTrue(body.toLowerCase().contains("database"), body);
        given().get("/q/metrics").then().statusCode(200).body(containsString("audit_events_consumed_total"));
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static String session() {
        return "it-" + UUID.randomUUID();
    }

    private static DecisionEventV1 event(String id, String session, Instant at, Decision decision, String risk,
            String reason) {
        return TestEvents.event(id, session, at, decision, "smartlead_get_campaign", risk, reason);
    }

    private static DecisionEventV1 withMicros(DecisionEventV1 e) {
        return JSON.convertValue(Map.copyOf(withTimestamp(e)), DecisionEventV1.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withTimestamp(DecisionEventV1 e) {
        Map<String, Object> map = new java.util.HashMap<>(JSON.convertValue(e, Map.class));
        map.put("timestamp", e.timestamp().truncatedTo(ChronoUnit.MICROS).toString());
        map.values().removeIf(v -> v == null);
        return map;
    }

    private static void send(DecisionEventV1 event) throws Exception {
        producer.send(new ProducerRecord<>(KafkaTopics.TOPIC, event.sessionId(), JSON.writeValueAsBytes(event))).get();
    }

    private static JsonPath page(String query) {
        return JsonPath.from(given().get("/api/audit/events?" + query).then().statusCode(200).extract().asString());
    }

    /** Polls the list until it holds at least {@code count} items. */
    private static JsonPath awaitPage(String query, int count) throws InterruptedException {
        return await(() -> {
            JsonPath page = page(query);
            return page.getList("items").size() >= count ? page : null;
        }, "events for " + query);
    }

    private static <T> T await(Supplier<T> probe, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String key, int count) throws InterruptedException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopics.BOOTSTRAP);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "audit-it-dlq-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(KafkaTopics.DLQ));
            Instant deadline = Instant.now().plus(WAIT);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
            }
        }
        assertEquals(count, found.size(), "dead letters for key " + key);
        // Same key, same partition: they come back in the order they were sent.
        found.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        assertNotNull(h, "header " + name);
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void problem(String path, int status, String detailPart) {
        String body = given().get(path).then().statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .extract().asString();
        assertTrue(body.contains(detailPart), path + " -> " + body);
        assertFalse(body.contains("Exception"), body);
    }
}
