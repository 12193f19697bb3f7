package dev.mcpgateway.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes DecisionEventV1 records (the JSON the proxy emits, valid against the contract's schema)
 * to a Kafka topic with a plain producer, keyed by decision id:
 * <pre>
 * DecisionEventLoad BOOTSTRAP TOPIC PARTITIONS bulk COUNT         as fast as the producer goes
 * DecisionEventLoad BOOTSTRAP TOPIC PARTITIONS rate PER_SEC SECS  on a fixed schedule
 * </pre>
 * The topic is created first (PARTITIONS, replication 1) when it does not exist. Each record's
 * {@code timestamp} is the time it is handed to the producer, so the audit row's
 * {@code occurred_at} is the send time (the end-to-end lag is measured from it). Decision ids are
 * {@code bench-<run>-<n>}; tools, decisions and risks cycle over a few values so filtered queries
 * have something to select.
 */
public final class DecisionEventLoad {
    static final String[] TOOLS = {"smartlead_list_campaigns", "smartlead_get_campaign", "smartlead_update_campaign",
        "smartlead_retrigger_failed_events", "smartlead_delete_campaign"};
    static final String[] RISKS = {"low", "low", "medium", "high", "critical"};
    static final String[] CATEGORIES = {"read", "read", "write", "execute", "destructive"};
    static final String[] DECISIONS = {"ALLOW", "ALLOW", "ALLOW", "DENY", "RATE_LIMITED"};

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: DecisionEventLoad BOOTSTRAP TOPIC PARTITIONS (bulk COUNT | rate PER_SEC SECS)");
            System.exit(64);
        }
        String bootstrap = args[0];
        String topic = args[1];
        int partitions = Integer.parseInt(args[2]);
        String run = Long.toString(System.currentTimeMillis(), 36);
        createTopic(bootstrap, topic, partitions);

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, args[3].equals("bulk") ? "20" : "0");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            long t0 = System.nanoTime();
            long n;
            if (args[3].equals("bulk")) {
                n = Long.parseLong(args[4]);
                for (long i = 0; i < n; i++) {
                    send(producer, topic, run, i, failed);
                }
            } else {
                int perSec = Integer.parseInt(args[4]);
                int secs = Integer.parseInt(args[5]);
                n = (long) perSec * secs;
                long period = 1_000_000_000L / perSec;
                long start = System.nanoTime();
                for (long i = 0; i < n; i++) {
                    long wait = start + i * period - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    send(producer, topic, run, i, failed);
                }
            }
            producer.flush();
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("produced=%d failed=%d seconds=%.2f rate=%.0f/s topic=%s run=%s%n", n, failed.get(), s,
                    n / s, topic, run);
        }
        if (failed.get() > 0) {
            System.exit(2);
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String run, long i,
                             AtomicLong failed) {
        int k = (int) (i % TOOLS.length);
        int d = (int) ((i / TOOLS.length) % DECISIONS.length);
        String id = "bench-" + run + "-" + i;
        String decision = DECISIONS[d];
        String json = "{\"eventVersion\":1,\"decisionId\":\"" + id + "\",\"timestamp\":\"" + Instant.now()
                + "\",\"traceId\":null,\"grantId\":\"bench-grant\",\"grantName\":\"bench\",\"sessionId\":\"bench-session-"
                + (i % 100) + "\",\"server\":\"smartlead\",\"tool\":\"" + TOOLS[k] + "\",\"toolRisk\":\"" + RISKS[k]
                + "\",\"toolCategory\":\"" + CATEGORIES[k] + "\",\"decision\":\"" + decision
                + "\",\"enforced\":true,\"reason\":\"bench event\",\"rule\":\"/tools/" + TOOLS[k]
                + "\",\"policyId\":\"bench\",\"policyVersion\":1,\"limitRemaining\":null,\"retryAfterMs\":null,"
                + "\"argumentKeys\":[\"campaign_id\"],\"arguments\":{\"campaign_id\":" + (i % 5000)
                + "},\"maskedPaths\":[],\"upstreamOutcome\":\"" + (decision.equals("ALLOW") ? "OK" : "NOT_FORWARDED")
                + "\",\"upstreamLatencyMs\":" + (decision.equals("ALLOW") ? "12" : "null") + ",\"totalLatencyMs\":14}";
        producer.send(new ProducerRecord<>(topic, id, json.getBytes(StandardCharsets.UTF_8)), (md, e) -> {
            if (e != null && failed.incrementAndGet() <= 5) {
                System.err.println("send failed: " + e);
            }
        });
    }

    private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.of((short) 1))))
                        .all().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
