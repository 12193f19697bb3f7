package dev.mcpgateway.audit.ingest;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends a record that cannot be stored to the dead-letter topic, unchanged, with the reason and its origin
 * in headers named as SmallRye's own dead-letter strategy names them (so existing tooling reads both).
 * Ours instead of SmallRye's because a batch is acknowledged as a whole: one bad record must not
 * dead-letter its good neighbours.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String REASON = "dead-letter-reason";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final MutinyEmitter<byte[]> emitter;
    private final IngestMetrics metrics;

    public DeadLetterPublisher(@Channel("decisions-dlq") MutinyEmitter<byte[]> emitter, IngestMetrics metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
    }

    /** Completes once the broker has the record (acks=all), so the source offset may then be committed. */
    public Uni<Void> publish(KafkaRecord<String, byte[]> source, String reason) {
        long offset = source.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
        LOG.warnf("dead-lettering %s-%d@%d: %s", source.getTopic(), source.getPartition(), offset, reason);
        List<RecordHeader> headers = List.of(
                header(REASON, reason),
                header(TOPIC, source.getTopic()),
                header(PARTITION, Integer.toString(source.getPartition())),
                header(OFFSET, Long.toString(offset)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(source.getKey())
                .withHeaders(headers)
                .build();
        byte[] value = source.getPayload() == null ? new byte[0] : source.getPayload();
        return emitter.sendMessage(Message.of(value).addMetadata(metadata))
                .invoke(metrics::deadLettered);
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
