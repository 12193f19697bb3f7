package dev.mcpgateway.policy.tracing;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import jakarta.annotation.Priority;
import java.util.Optional;

/**
 * Tracing is switched off when it has nowhere to go. Without an OTLP traces endpoint (application.properties
 * sets the common one blank) no span of this service is ever exported, yet every Decide paid for two of them
 * (the HTTP/2 request's and the gRPC call's: attributes, ids, context wrapping, MDC): at thousands of Decides per
 * second a large part of the serving CPU. So {@code quarkus.otel.sdk.disabled} defaults to true then, which
 * also removes the instrumentation itself. Setting an endpoint (QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT) turns
 * complete tracing on, as before; an explicit {@code quarkus.otel.sdk.disabled} always wins (tests set false:
 * they record spans in memory). The audit event's trace id comes from the proxy's request, not from here.
 */
@Priority(TracingWithoutEndpointOff.PRIORITY)
public class TracingWithoutEndpointOff implements ConfigSourceInterceptor {
    static final int PRIORITY = 3000;
    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    private static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    private static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    /** Values below this ordinal are defaults (SmallRye's and Quarkus' default sources), not a setting. */
    private static final int SET = 100;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!SDK_DISABLED.equals(name) || (value != null && value.getConfigSourceOrdinal() >= SET)) {
            return value;
        }
        boolean off = !exporting(raw(context.proceed(TRACES_ENDPOINT)), raw(context.proceed(ENDPOINT)));
        ConfigValue computed = ConfigValue.builder().withName(name).withValue(Boolean.toString(off))
                .withConfigSourceName(getClass().getSimpleName()).withConfigSourceOrdinal(SET).build();
        return computed;
    }

    private static Optional<String> raw(ConfigValue v) {
        return v == null ? Optional.empty() : Optional.ofNullable(v.getValue());
    }

    /**
     * Whether Quarkus' OTLP exporter exports, resolved as Quarkus resolves its endpoint: the traces endpoint when
     * set, else the common one, else Quarkus' default (localhost:4317); blank means no exporter.
     */
    static boolean exporting(Optional<String> tracesEndpoint, Optional<String> endpoint) {
        String resolved = tracesEndpoint.filter(s -> !s.isEmpty())
                .orElse(endpoint.filter(s -> !s.isEmpty()).orElse("http://localhost:4317/"));
        return !resolved.isBlank();
    }
}
