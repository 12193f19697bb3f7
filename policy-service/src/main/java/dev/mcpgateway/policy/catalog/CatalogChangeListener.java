package dev.mcpgateway.policy.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Follows catalog-service's change events ({@code ToolChangeEventV1} on {@code policy.catalog.changes.topic}) and has
 * the {@link ToolFactsCache} fetch the affected server's facts again at once; the periodic refresh stays the fallback.
 * <p>
 * A plain {@link KafkaConsumer} on a thread of its own, not a SmallRye messaging channel: a channel would make the
 * broker part of startup and readiness, and policy-service must start and decide without Kafka. The consumer is
 * assigned every partition without a consumer group (nothing committed, no rebalances), because every replica must
 * see every event. It starts at the end of the topic and then refreshes everything once: what happened before is in
 * that fetch, what happens after is in the events. Events are hints: any event naming a server refreshes that
 * server, whatever its type (types added later need no change here); an unreadable one is skipped.
 * <p>
 * Partitions added to the topic while it runs are picked up within {@code partitionCheck} (an operator scaling the
 * topic must not have to restart every replica), read from their beginning: they are new, so that is only what was
 * written to them before this replica noticed.
 */
public class CatalogChangeListener implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CatalogChangeListener.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final ToolFactsCache cache;
    private final Duration retry;
    private final Duration partitionCheck;
    private final ObjectMapper json = new ObjectMapper();
    private final Thread thread;
    private final AtomicLong events = new AtomicLong();
    private volatile boolean running;
    private volatile boolean assigned;
    private volatile KafkaConsumer<String, byte[]> consumer;

    public CatalogChangeListener(String bootstrapServers, String topic, Duration retry, ToolFactsCache cache) {
        this(Map.of(), bootstrapServers, topic, retry, Duration.ofSeconds(30), cache);
    }

    /**
     * @param base           the shared Kafka client settings (TLS, SASL, ...); this consumer's own settings win
     * @param partitionCheck how often to look for partitions added to the topic
     */
    public CatalogChangeListener(Map<String, Object> base, String bootstrapServers, String topic, Duration retry,
                                 Duration partitionCheck, ToolFactsCache cache) {
        this.topic = topic;
        this.cache = cache;
        this.retry = retry;
        this.partitionCheck = partitionCheck;
        this.consumerConfig = config(base, bootstrapServers);
        // partitionsFor answers from the client's metadata: it must be at most this old for a check to see new partitions.
        this.consumerConfig.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, String.valueOf(Math.max(1_000, partitionCheck.toMillis())));
        this.thread = new Thread(this::run, "policy-catalog-changes");
        this.thread.setDaemon(true);
    }

    static Map<String, Object> config(Map<String, Object> base, String bootstrapServers) {
        Map<String, Object> c = new HashMap<>(base);
        // No group: nothing to join, commit or rebalance (see the class comment).
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "policy-service-catalog-changes");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // Blocking metadata calls give up within 10 s (the loop retries); a missing broker is retried slowly, not
        // logged every second.
        c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        c.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000");
        return c;
    }

    public void start() {
        running = true;
        thread.start();
        LOG.infof("following catalog change events on %s (%s)", topic, consumerConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** The consumer has its partitions and position: events from now on reach the cache. */
    public boolean assigned() {
        return assigned;
    }

    /** Change events read so far (readable or not). */
    public long events() {
        return events.get();
    }

    private void run() {
        while (running) {
            KafkaConsumer<String, byte[]> c = null;
            try {
                c = new KafkaConsumer<>(consumerConfig);
                consumer = c;
                if (!running) {
                    return;
                }
                follow(c);
            } catch (WakeupException | InterruptException e) {
                // close() asked us to stop.
            } catch (RuntimeException e) {
                LOG.warnf("catalog change events unavailable (facts still refresh every poll interval); retrying in %s: %s",
                        retry, e.toString());
            } finally {
                assigned = false;
                consumer = null;
                closeQuietly(c);
            }
            if (running) {
                sleep(retry);
            }
        }
    }

    /** Bounded: without a group there is nothing to commit, and a broker that is away must not hold a stop for 30 s. */
    private static void closeQuietly(KafkaConsumer<String, byte[]> c) {
        if (c == null) {
            return;
        }
        try {
            c.close(CloseOptions.timeout(Duration.ofMillis(500)));
        } catch (RuntimeException e) {
            LOG.debugf("closing the catalog change consumer: %s", e);
        }
    }

    private void follow(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> partitions = partitions(c);
        if (partitions.isEmpty()) {
            LOG.debugf("topic %s does not exist yet; retrying in %s", topic, retry);
            return;
        }
        c.assign(partitions);
        c.seekToEnd(partitions);
        // Fix the positions before the catch-up refresh, so no event can fall between the two.
        partitions.forEach(c::position);
        assigned = true;
        cache.refreshAllSoon();
        LOG.infof("catalog change events: following %d partition(s) of %s", partitions.size(), topic);
        long nextCheck = System.nanoTime() + partitionCheck.toNanos();
        while (running) {
            if (System.nanoTime() - nextCheck >= 0) {
                partitions = withAddedPartitions(c, partitions);
                nextCheck = System.nanoTime() + partitionCheck.toNanos();
            }
            ConsumerRecords<String, byte[]> records = c.poll(POLL);
            Set<String> servers = new LinkedHashSet<>();
            for (ConsumerRecord<String, byte[]> r : records) {
                events.incrementAndGet();
                server(r.key(), r.value()).ifPresentOrElse(servers::add,
                        () -> LOG.debugf("unreadable catalog change event at %s-%d@%d skipped", r.topic(), r.partition(), r.offset()));
            }
            servers.forEach(server -> {
                LOG.debugf("catalog change on server %s: refreshing its tool facts", server);
                cache.refreshSoon(server);
            });
        }
    }

    /** The assignment grown by the partitions the topic gained since; positions of the others are kept. */
    private List<TopicPartition> withAddedPartitions(KafkaConsumer<String, byte[]> c, List<TopicPartition> current) {
        List<TopicPartition> added = partitions(c).stream().filter(p -> !current.contains(p)).toList();
        if (added.isEmpty()) {
            return current;
        }
        List<TopicPartition> all = new ArrayList<>(current);
        all.addAll(added);
        c.assign(all);
        c.seekToBeginning(added);
        added.forEach(c::position);
        LOG.infof("catalog change events: %s gained %d partition(s); following %d", topic, added.size(), all.size());
        return all;
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(topic);
        return infos == null ? List.of() : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    /** The event's server: its {@code server} field, else the part of the record key before the first '/'. */
    Optional<String> server(String key, byte[] value) {
        try {
            if (value != null) {
                JsonNode server = json.readTree(value).path("server");
                if (server.isTextual() && !server.asText().isBlank()) {
                    return Optional.of(server.asText());
                }
            }
        } catch (Exception e) {
            // Not JSON: fall back to the key.
        }
        if (key != null && key.indexOf('/') > 0) {
            return Optional.of(key.substring(0, key.indexOf('/')));
        }
        return Optional.empty();
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            // A wakeup ends a poll cleanly (the consumer then closes itself); an interrupt only for a thread that is
            // sleeping before a retry: interrupted, the consumer's close logs an error instead of closing quietly.
            thread.join(2_000);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(3_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
