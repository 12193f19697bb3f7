package dev.mcpgateway.proxy.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON of decision events and of spill file lines. Instants as ISO-8601 text, as Quarkus' own mapper
 * (which the Kafka connector used before) wrote them, so audit-service reads the same form.
 */
public final class AuditJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private AuditJson() {
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One spill line: {@code {"seq":…,"key":…,"tp":…,"ts":…,"event":{…}}} and a newline. */
    static byte[] line(AuditRecord r) {
        ObjectNode head = MAPPER.createObjectNode();
        head.put("seq", r.seq());
        head.put("key", r.key());
        head.put("id", r.decisionId());
        head.put("tp", r.traceparent());
        head.put("ts", r.tracestate());
        try {
            byte[] h = MAPPER.writeValueAsBytes(head);
            ByteArrayOutputStream out = new ByteArrayOutputStream(h.length + r.value().length + 16);
            // The event's bytes go in as they are: the spilled record is the record that would have been sent.
            out.write(h, 0, h.length - 1);
            out.write(",\"event\":".getBytes(StandardCharsets.UTF_8));
            out.write(r.value());
            out.write('}');
            out.write('\n');
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record of one spill line (without its newline); null when the line is not one (a torn write). */
    static AuditRecord parseLine(byte[] buf, int from, int to) {
        try {
            JsonNode n = MAPPER.readTree(buf, from, to - from);
            JsonNode event = n == null ? null : n.get("event");
            if (event == null || !event.isObject() || !n.path("seq").canConvertToLong()) {
                return null;
            }
            return new AuditRecord(n.path("seq").asLong(), textOrNull(n.get("key")), textOrNull(n.get("id")),
                    MAPPER.writeValueAsBytes(event), textOrNull(n.get("tp")), textOrNull(n.get("ts")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
