package dev.mcpgateway.audit.ingest;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Puts the database work of consumed records into the records' traces (the proxy's {@code tools/call}
 * trace arrives in the {@code traceparent} header). A batch insert has one parent: the first record's
 * trace; every other record of the batch is linked, so each trace still leads to its insert.
 */
@ApplicationScoped
public class RecordTraces {

    static final String SPAN = "audit_event store";

    private final Tracer tracer;

    public RecordTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Runs {@code work} (subscribed lazily, once per subscription) in a span under the records' traces. */
    public <T> Uni<T> store(List<KafkaRecord<String, byte[]>> records, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            SpanBuilder builder = tracer.spanBuilder(SPAN)
                    .setParent(records.isEmpty() ? Context.current() : contextOf(records.get(0)).orElse(Context.current()))
                    .setAttribute("messaging.batch.message_count", records.size());
            for (int i = 1; i < records.size(); i++) {
                contextOf(records.get(i)).map(c -> Span.fromContext(c).getSpanContext())
                        .filter(SpanContext::isValid).ifPresent(builder::addLink);
            }
            Span span = builder.startSpan();
            // Current while the insert is assembled and run, so the SQL client's span is its child.
            // (Quarkus' MutinyTracingHelper takes a pipeline built before the span; here that lost the parent.)
            Scope scope = span.makeCurrent();
            Uni<T> pipeline;
            try {
                pipeline = work.get();
            } catch (RuntimeException e) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR);
                span.end();
                scope.close();
                throw e;
            }
            return pipeline.onTermination().invoke((item, failure, cancelled) -> {
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR);
                }
                span.end();
                scope.close();
            });
        });
    }

    private static Optional<Context> contextOf(KafkaRecord<String, byte[]> record) {
        return record.getMetadata(TracingMetadata.class).map(TracingMetadata::getCurrentContext);
    }
}
