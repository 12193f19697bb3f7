package dev.mcpgateway.testsupport;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The spans the application finished, kept in memory. Being a {@link SpanExporter} CDI bean it is picked
 * up by Quarkus' default {@code cdi} traces exporter, and it switches the OTLP exporter off in tests.
 * (opentelemetry-sdk-testing's InMemorySpanExporter does the same; this avoids one more dependency.)
 */
@Singleton
public class RecordedSpans implements SpanExporter {

    /** Tests of the whole module share it: old spans beyond this are dropped. */
    private static final int MAX = 20_000;

    private final List<SpanData> finished = new CopyOnWriteArrayList<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        if (finished.size() < MAX) {
            finished.addAll(spans);
        }
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    public void clear() {
        finished.clear();
    }

    public List<SpanData> all() {
        return List.copyOf(finished);
    }

    /**
     * The first finished span that matches, waiting for it: spans end after the answer the test already
     * read (the server span when the response is flushed, the producer span on the broker's ack), and the
     * batch processor exports them later still, so it is flushed on every look.
     */
    public SpanData await(OpenTelemetry otel, String what, Predicate<SpanData> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (otel instanceof OpenTelemetrySdk sdk) {
                sdk.getSdkTracerProvider().forceFlush().join(1, TimeUnit.SECONDS);
            }
            for (SpanData s : finished) {
                if (match.test(s)) {
                    return s;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no finished span: " + what + "; recorded: " + describe(all()));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    public static Predicate<SpanData> kind(SpanKind kind) {
        return s -> s.getKind() == kind;
    }

    public static String describe(List<SpanData> spans) {
        List<String> out = new ArrayList<>();
        for (SpanData s : spans) {
            out.add(s.getKind() + " '" + s.getName() + "' trace=" + s.getTraceId() + " parent=" + s.getParentSpanId());
        }
        return out.toString();
    }
}
