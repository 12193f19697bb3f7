package dev.mcpgateway.proxy.audit;

/**
 * One decision event as it waits for Kafka: already serialized, so the memory buffer, the spill file and
 * the producer all hold the same bytes.
 *
 * @param seq         order of arrival in this proxy (continues across restarts while the spill file has events)
 * @param key         record key, the session id: Kafka keeps one key's records in order
 * @param decisionId  the event's id (what audit-service deduplicates on); for logs
 * @param value       the DecisionEventV1 JSON
 * @param traceparent W3C trace context of the call, or null
 * @param tracestate  W3C trace state of the call, or null
 */
public record AuditRecord(long seq, String key, String decisionId, byte[] value, String traceparent, String tracestate) {
}
