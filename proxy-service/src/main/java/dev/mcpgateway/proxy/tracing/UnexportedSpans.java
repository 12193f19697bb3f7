package dev.mcpgateway.proxy.tracing;

import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.quarkus.opentelemetry.runtime.AutoConfiguredOpenTelemetrySdkBuilderCustomizer;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * With no OTLP endpoint and no other span exporter, nothing would ever read the spans the proxy records (several
 * per tools/call: HTTP server, gRPC client, Kafka producer), so a trace the proxy starts is not recorded: the sampler
 * becomes parent-based with "off" for new traces. Trace context still flows: every call still has a trace id (in the
 * decision event, the Decide metadata and the Kafka headers), only marked not sampled; a request that arrives in a
 * sampled trace (someone upstream is tracing) is still recorded and passed on as sampled. With an endpoint set, or a
 * {@link SpanExporter} bean (tests record spans in memory), the configured sampler is left alone: tracing is complete.
 */
@Singleton
public class UnexportedSpans implements AutoConfiguredOpenTelemetrySdkBuilderCustomizer {

    private static final Logger LOG = Logger.getLogger(UnexportedSpans.class);

    private final boolean exported;

    @jakarta.inject.Inject
    public UnexportedSpans(@ConfigProperty(name = "quarkus.otel.exporter.otlp.endpoint") Optional<String> endpoint,
                           @ConfigProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint") Optional<String> tracesEndpoint,
                           Instance<SpanExporter> exporters) {
        this(exported(endpoint, tracesEndpoint, !exporters.isUnsatisfied()));
    }

    UnexportedSpans(boolean exported) {
        this.exported = exported;
    }

    /** True when recorded spans go somewhere: an OTLP endpoint (a blank one means none) or an exporter bean. */
    static boolean exported(Optional<String> endpoint, Optional<String> tracesEndpoint, boolean exporterBean) {
        return exporterBean || endpoint.filter(e -> !e.isBlank()).isPresent() || tracesEndpoint.filter(e -> !e.isBlank()).isPresent();
    }

    @Override
    public void customize(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        if (exported) {
            return;
        }
        LOG.debug("no OTLP endpoint: new traces are not recorded (trace context is still propagated)");
        builder.addSamplerCustomizer((configured, properties) -> Sampler.parentBased(Sampler.alwaysOff()));
    }
}
