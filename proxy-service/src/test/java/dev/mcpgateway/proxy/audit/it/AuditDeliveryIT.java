package dev.mcpgateway.proxy.audit.it;

import static dev.mcpgateway.proxy.testing.Mcp.call;
import static dev.mcpgateway.proxy.testing.Mcp.newSession;
import static dev.mcpgateway.proxy.testing.Mcp.session;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.proxy.audit.AuditJson;
import dev.mcpgateway.proxy.audit.AuditOutbox;
import dev.mcpgateway.proxy.session.SessionSealer;
import dev.mcpgateway.proxy.testing.FakeServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 "nothing lost": 1,000 tools/call through the proxy while the test's own Kafka broker is stopped
 * for about 30 s in the middle and started again. Every call is served (fail-open), events overflow the
 * (small) memory buffer into the spill file, readiness goes down while they wait there, and afterwards the
 * topic holds each of the 1,000 decisions, each session's in call order.
 *
 * <p>The audit log itself is checked too, as the issue words it: the packaged audit-service ({@link
 * AuditServiceProcess}) consumes the same broker through the outage, and its table, read back through
 * {@code GET /api/audit/events} for the test's sessions, ends with exactly 1,000 rows, one per call.
 */
@QuarkusTest
@TestProfile(AuditDeliveryIT.RealKafka.class)
@QuarkusTestResource(value = FakeServicesResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SeparateKafkaResource.class, restrictToAnnotatedClass = true)
class AuditDeliveryIT {

    private static final Logger LOG = Logger.getLogger(AuditDeliveryIT.class);
    private static final String MCP = "/mcp/smartlead";
    private static final int CALLS = 1_000;
    private static final int SESSIONS = 10;
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    /** The real Kafka transport (not the in-memory channel), a buffer small enough to spill, a short delivery timeout. */
    public static class RealKafka implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "test.audit-transport", "kafka",
                    "proxy.audit.buffer.max-events", "100",
                    "proxy.audit.delivery-timeout", "10s",
                    "proxy.audit.unavailable-after", "2s");
        }
    }

    @SeparateKafkaResource.Broker
    KafkaBrokerProcess broker;

    @Inject
    AuditOutbox outbox;

    @Inject
    SessionSealer sealer;

    @Test
    void aThousandCallsAcrossABrokerOutageAreAllOnTheTopicOnceAndInOrderAndInTheAuditLogOnce() throws Exception {
        broker.createTopic(SeparateKafkaResource.TOPIC + ".dlq", 1);
        // Started now, ready by the outage: its JVM start overlaps the first calls.
        try (AuditServiceProcess audit = AuditServiceProcess.start(broker.bootstrap(), SeparateKafkaResource.TOPIC,
                Path.of("target", "audit-delivery-it-audit-service"))) {
            aThousandCallsAcrossABrokerOutage(audit);
        }
    }

    private void aThousandCallsAcrossABrokerOutage(AuditServiceProcess audit) throws Exception {
        List<String> sessions = new ArrayList<>();
        Map<String, String> keyOf = new HashMap<>();
        for (int s = 0; s < SESSIONS; s++) {
            String token = newSession(MCP);
            sessions.add(token);
            keyOf.put(sealer.unseal(token).orElseThrow().id(), token);
        }

        int i = 0;
        for (; i < 300; i++) {
            callOk(sessions, i);
        }
        awaitDelivered(Duration.ofSeconds(60));
        audit.awaitReady(Duration.ofSeconds(120));

        broker.stop();
        long outageStart = System.nanoTime();
        boolean sawNotReady = false;
        long maxSpilled = 0;
        // 400 calls spread over the outage: the proxy serves them all while the broker is away.
        for (; i < 700; i++) {
            callOk(sessions, i);
            long due = outageStart + OUTAGE.toNanos() * (i - 299) / 400;
            long pause = (due - System.nanoTime()) / 1_000_000;
            if (pause > 0) {
                Thread.sleep(pause);
            }
            maxSpilled = Math.max(maxSpilled, outbox.spilledEvents());
            if (!sawNotReady && outbox.spilledEvents() > 0) {
                sawNotReady = given().get("/q/health/ready").statusCode() == 503;
                given().get("/q/health/live").then().statusCode(200);
            }
        }
        LOG.infof("broker away for %s; %d event(s) in the spill file at most", KafkaBrokerProcess.since(outageStart), maxSpilled);
        assertTrue(maxSpilled > 0, "with a 100-event buffer the outage spills to disk");
        assertTrue(sawNotReady, "readiness is down while events wait in the spill file");
        assertTrue(metric("mcp_proxy_audit_spill_events") > 0, "the spill gauge shows them");

        broker.start();
        for (; i < CALLS; i++) {
            callOk(sessions, i);
        }
        awaitDelivered(Duration.ofSeconds(120));
        given().get("/q/health/ready").then().statusCode(200);
        assertEquals(0, metric("mcp_proxy_audit_spill_events"));
        assertEquals(0, metric("mcp_proxy_decision_events_total{result=\"failed\"}"), "nothing lost");

        // Read the whole topic back.
        Map<String, List<Integer>> campaignsBySession = new LinkedHashMap<>();
        Set<String> decisionIds = new HashSet<>();
        int records = 0;
        for (ConsumerRecord<String, byte[]> r : readTopic()) {
            JsonNode event = AuditJson.MAPPER.readTree(r.value());
            assertEquals(event.path("sessionId").asText(), r.key(), "the record key is the session id");
            assertTrue(keyOf.containsKey(r.key()), "only this test's sessions: " + r.key());
            records++;
            if (decisionIds.add(event.path("decisionId").asText())) {
                campaignsBySession.computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(event.path("arguments").path("campaign_id").asInt());
            }
        }
        LOG.infof("topic: %d record(s), %d distinct decision(s)", records, decisionIds.size());
        assertEquals(CALLS, decisionIds.size(), "every call's decision reached the topic");
        // Each was acknowledged once; a duplicate can only be a send that timed out although the broker wrote it.
        assertTrue(records - CALLS <= 10, "duplicates stay the rare exception: " + (records - CALLS));
        campaignsBySession.forEach((key, campaigns) -> {
            List<Integer> sorted = new ArrayList<>(campaigns);
            sorted.sort(null);
            assertEquals(sorted, campaigns, "session " + key + "'s events are in call order");
            assertEquals(CALLS / SESSIONS, campaigns.size());
        });

        // The audit log: exactly one row per call, none twice, none missing, none other.
        List<String> rowIds = awaitAuditRows(audit, keyOf.keySet(), Duration.ofSeconds(120));
        Thread.sleep(2000); // a late duplicate would show up now
        rowIds = auditRows(audit, keyOf.keySet());
        LOG.infof("audit log: %d row(s) for the test's sessions, %d distinct decision id(s)", rowIds.size(),
                new HashSet<>(rowIds).size());
        assertEquals(CALLS, rowIds.size(), "exactly one audit row per call");
        assertEquals(decisionIds, new HashSet<>(rowIds), "the audit log holds each call's decision id, once");
    }

    private static List<String> awaitAuditRows(AuditServiceProcess audit, Set<String> sessions, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        List<String> ids;
        while ((ids = auditRows(audit, sessions)).size() < CALLS) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the audit log holds " + ids.size() + " of " + CALLS + " rows after " + max
                        + "; see " + audit.log());
            }
            Thread.sleep(500);
        }
        return ids;
    }

    /** The decision id of every row audit-service stored for these sessions (duplicates kept, to be counted). */
    private static List<String> auditRows(AuditServiceProcess audit, Set<String> sessions) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String session : sessions) {
            for (JsonNode row : audit.events(session)) {
                assertEquals(session, row.path("sessionId").asText());
                ids.add(row.path("decisionId").asText());
            }
        }
        return ids;
    }

    private static void callOk(List<String> sessions, int i) {
        session(sessions.get(i % sessions.size()))
                .body(call(i, "allowed_tool", "{\"campaign_id\":" + i + "}")).post(MCP)
                .then().statusCode(200).body("result.content[0].text", equalTo("upstream ran allowed_tool"));
    }

    private void awaitDelivered(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (outbox.bufferedEvents() > 0 || outbox.spilledEvents() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("events still waiting after " + max + ": " + outbox.bufferedEvents()
                        + " in memory, " + outbox.spilledEvents() + " spilled");
            }
            Thread.sleep(100);
        }
    }

    private static double metric(String series) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : body.split("\n")) {
            if (line.startsWith(series.contains("{") ? series.substring(0, series.indexOf('{')) : series)
                    && (!series.contains("{") || line.contains(series.substring(series.indexOf('{') + 1, series.length() - 1)))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no " + series + " in /q/metrics");
    }

    private List<ConsumerRecord<String, byte[]>> readTopic() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(SeparateKafkaResource.TOPIC, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read the topic to its end");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }
}
