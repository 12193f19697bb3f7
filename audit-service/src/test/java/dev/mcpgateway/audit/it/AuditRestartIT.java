package dev.mcpgateway.audit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mcpgateway.audit.TestEvents;
import dev.mcpgateway.contracts.audit.DecisionEventV1.Decision;
import dev.mcpgateway.testsupport.PackagedService;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restarting audit-service in the middle of a stream loses and duplicates nothing. The packaged service
 * (target/quarkus-app, built by the package phase) runs as a real separate process, as in production.
 * {@value #N} events are produced as a stream; the first process is killed (SIGKILL: no offset commit, no
 * orderly shutdown) part-way through storing them, a second one is started and stopped normally (SIGTERM)
 * once it has stored more, and a third one finishes. The table must then hold exactly the {@value #N} decision ids, and the
 * dead-letter topic nothing.
 *
 * <p>Own topic, DLQ topic and consumer group per run (created and deleted here), so the in-JVM Quarkus
 * application of the other ITs, which consumes the shared IT topic, never takes a share of these records.
 */
class AuditRestartIT {

    private static final int N = 5000;
    private static final int RATE_PER_SECOND = 500;
    private static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/mcp_audit_test";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = "mcp.decisions.it.restart-" + RUN;
    private static final String DLQ = TOPIC + ".dlq";
    private static final String PREFIX = "restart-" + RUN + "-";

    @BeforeAll
    static void topics() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1), new NewTopic(DLQ, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void deleteTopics() throws Exception {
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(TOPIC, DLQ)).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServiceRestartedMidStreamStoresEveryEventExactlyOnce() throws Exception {
        int port = PackagedService.freePort();
        ExecutorService producing = Executors.newSingleThreadExecutor();
        try {
            PackagedService first = start(port, "first");
            CompletableFuture<Void> produced = CompletableFuture.runAsync(AuditRestartIT::produceAll, producing);
            awaitRows(n -> n >= N / 20, "the first process to store part of the stream");
            first.kill();
            long atKill = rows();
            assertTrue(atKill < N, "killed part-way: " + atKill + " of " + N + " stored");

            long atSecondStart = rows();
            PackagedService second = start(port, "second");
            awaitRows(n -> n > atSecondStart, "the second process to store more");
            second.close();
            long afterSecond = rows();

            PackagedService third = start(port, "third");
            try {
                produced.get(120, TimeUnit.SECONDS);
                awaitRows(n -> n >= N, "every event to be stored");
                Thread.sleep(2000); // a late duplicate would show up now
            } finally {
                third.close();
            }
            System.out.printf("restart IT: %d rows when killed, %d when the second started, %d after it%n",
                    atKill, atSecondStart, afterSecond);
        } finally {
            producing.shutdownNow();
        }

        Set<String> expected = new HashSet<>();
        for (int i = 0; i < N; i++) {
            expected.add(PREFIX + i);
        }
        Set<String> stored = new HashSet<>();
        long total = 0;
        try (Connection c = DriverManager.getConnection(DB_URL, "postgres", "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT decision_id FROM audit_event WHERE decision_id LIKE '" + PREFIX + "%'")) {
            while (r.next()) {
                stored.add(r.getString(1));
                total++;
            }
        }
        assertEquals(N, total, "exactly one row per produced event");
        assertEquals(expected, stored, "every decision id present, none other");
        assertEquals(0, dlqSize(), "nothing was dead-lettered");
    }

    /** N events at about RATE_PER_SECOND, so the stream is still running while processes come and go. */
    private static void produceAll() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopics.BOOTSTRAP);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < N; i++) {
                long due = start + i * 1_000_000_000L / RATE_PER_SECOND;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String id = PREFIX + i;
                String session = "restart-" + RUN + "-s" + (i % 7);
                byte[] value = JSON.writeValueAsBytes(TestEvents.event(id, session, Instant.now(),
                        i % 5 == 0 ? Decision.DENY : Decision.ALLOW, "smartlead_get_campaign", "low", "restart it"));
                producer.send(new ProducerRecord<>(TOPIC, session, value));
            }
            producer.flush();
        } catch (Exception e) {
            throw new IllegalStateException("producing the stream failed", e);
        }
    }

    private static long awaitRows(LongPredicate done, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long n;
        while (!done.test(n = rows())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + " (" + n + " rows)");
            }
            Thread.sleep(100);
        }
        return n;
    }

    private static long rows() throws SQLException {
        try (Connection c = DriverManager.getConnection(DB_URL, "postgres", "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM audit_event WHERE decision_id LIKE '" + PREFIX + "%'")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long dlqSize() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = Map.of(new TopicPartition(DLQ, 0), OffsetSpec.latest());
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset()).sum();
        }
    }

    private static PackagedService start(int port, String name) throws IOException, InterruptedException {
        return PackagedService.of("audit-service").port(port)
                .property("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5432/mcp_audit_test")
                .property("kafka.bootstrap.servers", KafkaTopics.BOOTSTRAP)
                .property("mp.messaging.incoming.decisions.topic", TOPIC)
                .property("mp.messaging.incoming.decisions.group.id", "audit-restart-it-" + RUN)
                .property("mp.messaging.outgoing.decisions-dlq.topic", DLQ)
                // The killed member's partitions move on when its session expires: the broker's minimum, not 45 s.
                .property("mp.messaging.incoming.decisions.session.timeout.ms", "6000")
                .property("mp.messaging.incoming.decisions.heartbeat.interval.ms", "2000")
                .property("audit.retention.every", "off")
                .startReady(name, Duration.ofSeconds(120));
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopics.BOOTSTRAP));
    }
}
