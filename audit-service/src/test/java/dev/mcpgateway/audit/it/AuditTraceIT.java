package dev.mcpgateway.audit.it;

import dev.mcpgateway.testsupport.RecordedSpans;
import static dev.mcpgateway.testsupport.Operators.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mcpgateway.audit.TestEvents;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import dev.mcpgateway.contracts.audit.DecisionEventV1.Decision;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The last hop of a {@code tools/call}'s trace, against the real broker and PostgreSQL: a decision record
 * whose {@code traceparent} header is the proxy's is consumed and inserted under that same trace.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopics.class)
class AuditTraceIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    RecordedSpans spans;

    @Inject
    OpenTelemetry otel;

    @Test
    void aRecordWithTraceparentIsConsumedAndInsertedInTheProducersTrace() throws Exception {
        String traceId = randomHex(16);
        String producerSpan = randomHex(8);
        DecisionEventV1 event = TestEvents.event(UUID.randomUUID().toString(), "trace-it-" + UUID.randomUUID(),
                Instant.now(), Decision.ALLOW, "smartlead_get_campaign", "low", "allowed");

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopics.BOOTSTRAP);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(KafkaTopics.TOPIC, event.sessionId(),
                    JSON.writeValueAsBytes(event));
            // As the proxy's Kafka sink writes it: W3C trace context of the producer span.
            record.headers().add("traceparent",
                    ("00-" + traceId + "-" + producerSpan + "-01").getBytes(StandardCharsets.US_ASCII));
            producer.send(record).get();
        }
        awaitStored(event.decisionId());

        SpanData consumer = spans.await(otel, "consumer span of the record, in the producer's trace",
                s -> s.getKind() == SpanKind.CONSUMER && s.getTraceId().equals(traceId), WAIT);
        assertEquals(producerSpan, consumer.getParentSpanId(), "the record's producer span is the consumer span's parent");

        SpanData insert = spans.await(otel, "database INSERT span in the producer's trace",
                s -> s.getKind() == SpanKind.CLIENT && s.getTraceId().equals(traceId)
                        && s.getName().toUpperCase(Locale.ROOT).startsWith("INSERT"), WAIT);
        assertTrue(insert.getAttributes().asMap().values().stream().anyMatch(v -> String.valueOf(v).contains("mcp_audit_test")),
                "the INSERT is the database client's span on the audit database: " + insert.getAttributes());
    }

    private static void awaitStored(String decisionId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (given().get("/api/audit/events/" + decisionId).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("event " + decisionId + " was not stored within " + WAIT);
            }
            Thread.sleep(100);
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros (an invalid id)
        return HexFormat.of().formatHex(b);
    }
}
