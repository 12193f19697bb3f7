package dev.mcpgateway.policy.catalog;

import static dev.mcpgateway.testsupport.Operators.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.PolicyServiceGrpc;
import dev.mcpgateway.policy.grant.Grant;
import dev.mcpgateway.policy.grant.GrantRegistry;
import dev.mcpgateway.policy.grant.TokenHash;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A catalog change event on real Kafka changes policy-service's decision by risk within seconds, with the poll set to
 * an hour. The catalog is a loopback HTTP server answering like catalog-service's {@code GET /api/tools}.
 */
@QuarkusTest
@TestProfile(CatalogChangesIT.FollowChanges.class)
class CatalogChangesIT {
    static final String TOPIC = "mcp.catalog.changes.it-" + UUID.randomUUID();
    static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    static final String TOOL = "smartlead_send_email_thread";

    /** The fake catalog: the tool's risk it answers, and how many lists it served. */
    static final AtomicReference<String> RISK = new AtomicReference<>("low");
    static final AtomicInteger LISTS = new AtomicInteger();
    static HttpServer catalog;

    public static class FollowChanges implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            createTopic();
            return Map.of("policy.catalog.url", "http://127.0.0.1:" + startCatalog(),
                    "policy.catalog.refresh-interval", "1h",
                    "policy.catalog.changes.enabled", "true",
                    "policy.catalog.changes.topic", TOPIC,
                    "policy.catalog.changes.bootstrap-servers", BOOTSTRAP,
                    "policy.catalog.changes.retry-interval", "500ms");
        }
    }

    @GrpcClient("policy")
    PolicyServiceGrpc.PolicyServiceBlockingStub policy;
    @Inject
    GrantRegistry grants;
    @Inject
    CatalogChangeListener listener;

    @Test
    void aChangeEventChangesTheDecisionByRiskLongBeforeThePoll() throws Exception {
        String policyId = "it-catalog-" + UUID.randomUUID();
        given().contentType("application/json")
                .body("{\"version\":\"1\",\"default\":\"allow\",\"risk\":{\"critical\":{\"action\":\"deny\"}}}")
                .put("/api/policies/" + policyId).then().statusCode(200);
        String grant = "g-" + UUID.randomUUID();
        grants.put(new Grant(grant, grant, "smartlead", policyId, TokenHash.of(grant)));

        await("the listener follows the topic", listener::assigned);
        // Two fetches: the one at start and the catch-up once the listener had its position; an event causes the next.
        await("the first fetches saw the tool as low risk", () -> LISTS.get() >= 2);
        assertEquals(Decision.ALLOW, decide(grant));

        // An operator overrides the tool to critical: the catalog answers so from now on, and says so on Kafka.
        RISK.set("critical");
        int listsBefore = LISTS.get();
        long sent = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(TOPIC, "smartlead/" + TOOL, """
                    {"eventVersion":1,"eventId":"%s","type":"override_applied","server":"smartlead","tool":"%s",
                     "detectedAt":"2026-11-24T10:00:00Z","changedPaths":[],"changedPathsTruncated":false,"flagged":false,
                     "category":"execute","risk":"critical","status":"active"}""".formatted(UUID.randomUUID(), TOOL)))
                    .get(10, TimeUnit.SECONDS);
        }
        await("the decision follows the new risk", () -> decide(grant) == Decision.DENY);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertTrue(LISTS.get() > listsBefore, "the event made policy-service read the catalog again");
        assertTrue(listener.events() >= 1);
        assertTrue(millis < 10_000, "took " + millis + " ms");
    }

    private Decision decide(String grant) {
        return policy.decide(DecideRequest.newBuilder().setGrantId(grant).setSessionId("s").setServer("smartlead")
                .setTool(TOOL).setArgumentsJson(ByteString.copyFromUtf8("{}")).build()).getDecision();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    static synchronized int startCatalog() {
        if (catalog == null) {
            try {
                catalog = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            catalog.createContext("/api/tools", ex -> {
                LISTS.incrementAndGet();
                byte[] body = """
                        {"items":[{"server":"smartlead","name":"%s","category":"execute","risk":"%s","status":"active"}],
                         "total":1,"page":0,"size":500}""".formatted(TOOL, RISK.get()).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            catalog.start();
        }
        return catalog.getAddress().getPort();
    }

    static void createTopic() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("could not create " + TOPIC + " on " + BOOTSTRAP, e);
            }
        }
    }

    @AfterAll
    static void cleanUp() {
        if (catalog != null) {
            catalog.stop(0);
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        try (Admin admin = Admin.create(p)) {
            admin.deleteTopics(List.of(TOPIC)).all().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            // A leftover topic of a test run is harmless.
        }
    }
}
