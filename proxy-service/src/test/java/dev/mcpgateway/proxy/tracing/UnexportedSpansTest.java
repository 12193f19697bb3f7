package dev.mcpgateway.proxy.tracing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** No span exporter: new traces are not recorded, but they keep their ids; an incoming sampled trace is recorded. */
class UnexportedSpansTest {

    @Test
    void exportedOnlyWithAnEndpointOrAnExporterBean() {
        assertFalse(UnexportedSpans.exported(Optional.empty(), Optional.empty(), false));
        assertFalse(UnexportedSpans.exported(Optional.of(" "), Optional.of(""), false), "a blank endpoint is none");
        assertTrue(UnexportedSpans.exported(Optional.of("http://collector:4317"), Optional.empty(), false));
        assertTrue(UnexportedSpans.exported(Optional.of(" "), Optional.of("http://collector:4317"), false));
        assertTrue(UnexportedSpans.exported(Optional.empty(), Optional.empty(), true), "tests record spans in memory");
    }

    @Test
    void withoutExportNewTracesAreNotRecordedButKeepTheirIds() {
        try (OpenTelemetrySdk sdk = sdk(false)) {
            Span root = sdk.getTracer("t").spanBuilder("POST /mcp/:server").startSpan();
            assertFalse(root.isRecording());
            assertTrue(root.getSpanContext().isValid(), "the call still has a trace id for its decision event");
            assertFalse(root.getSpanContext().isSampled());
            root.end();

            Span child = sdk.getTracer("t").spanBuilder("Decide").setParent(Context.root().with(sampledRemoteParent()))
                    .startSpan();
            assertTrue(child.isRecording(), "a trace sampled upstream of the gateway is still recorded and passed on");
            child.end();
        }
    }

    @Test
    void withExportTheConfiguredSamplerStays() {
        try (OpenTelemetrySdk sdk = sdk(true)) {
            Span root = sdk.getTracer("t").spanBuilder("POST /mcp/:server").startSpan();
            assertTrue(root.isRecording());
            assertTrue(root.getSpanContext().isSampled());
            root.end();
        }
    }

    private static OpenTelemetrySdk sdk(boolean exported) {
        AutoConfiguredOpenTelemetrySdkBuilder builder = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of("otel.traces.exporter", "none", "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none"))
                .disableShutdownHook();
        new UnexportedSpans(exported).customize(builder);
        return builder.build().getOpenTelemetrySdk();
    }

    private static Span sampledRemoteParent() {
        return Span.wrap(SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault()));
    }
}
