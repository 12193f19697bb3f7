package dev.mcpgateway.proxy.event;

import dev.mcpgateway.contracts.audit.DecisionEventV1;
import dev.mcpgateway.proxy.ProxyConfig;
import dev.mcpgateway.proxy.audit.AuditJson;
import dev.mcpgateway.proxy.audit.AuditOutbox;
import dev.mcpgateway.proxy.audit.AuditPublisher;
import dev.mcpgateway.proxy.call.CallExchange;
import dev.mcpgateway.proxy.call.CallListener;
import dev.mcpgateway.proxy.call.CallStage;
import dev.mcpgateway.proxy.call.Refusals;
import dev.mcpgateway.proxy.call.StageResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The audit's two places in the call chain. As a listener it turns every answered call into one
 * {@link DecisionEventV1} (key = session id, the call's trace context with it) and hands it to the
 * {@link AuditOutbox}, which delivers it to Kafka or keeps it until it can: never blocking, never failing
 * the call. As the first stage it refuses calls while the audit log is unavailable, when
 * {@code proxy.audit.on-unavailable=fail-closed}; the refusal is itself audited.
 */
@ApplicationScoped
public class DecisionEmitter implements CallListener, CallStage {

    private static final Logger LOG = Logger.getLogger(DecisionEmitter.class);
    static final String UNAVAILABLE = "the audit log is unavailable";

    private final AuditOutbox outbox;
    private final BooleanSupplier auditAvailable;
    private final boolean failClosed;
    private final Counter failClosedRefusals;

    @Inject
    public DecisionEmitter(AuditOutbox outbox, AuditPublisher publisher, ProxyConfig config, MeterRegistry registry) {
        this(outbox, publisher::available, config.audit().onUnavailable() == ProxyConfig.Audit.OnUnavailable.FAIL_CLOSED, registry);
    }

    /** @param auditAvailable whether Kafka acknowledges events now (consulted only when {@code failClosed}) */
    public DecisionEmitter(AuditOutbox outbox, BooleanSupplier auditAvailable, boolean failClosed, MeterRegistry registry) {
        this.outbox = outbox;
        this.auditAvailable = auditAvailable;
        this.failClosed = failClosed;
        this.failClosedRefusals = Counter.builder("mcp.proxy.audit.refusals")
                .description("tools/call refused because the audit log was unavailable (proxy.audit.on-unavailable=fail-closed)")
                .register(registry);
    }

    @Override
    public Uni<StageResult> apply(CallExchange ex) {
        if (!failClosed || auditAvailable.getAsBoolean()) {
            return Uni.createFrom().item(StageResult.forward());
        }
        failClosedRefusals.increment();
        ex.undecided(UNAVAILABLE);
        String text = "The gateway refused this call because " + UNAVAILABLE
                + " (Kafka does not acknowledge decision events) and the gateway is configured to fail closed."
                + " The call was not forwarded to " + ex.server() + ". This is not a refusal by policy; try again later.";
        return Uni.createFrom().item(StageResult.reject(
                Refusals.refusal(ex.request().id(), text, "UNDECIDED", null, null, -1, 0)));
    }

    @Override
    public void completed(CallExchange ex) {
        DecisionEventV1 event = DecisionEvents.build(ex, System.nanoTime());
        Map<String, String> trace = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(ex.traceContext(), trace, Map::put);
        byte[] value;
        try {
            value = AuditJson.bytes(event);
        } catch (RuntimeException e) {
            LOG.errorf(e, "decision event %s could not be serialized", event.decisionId());
            return;
        }
        outbox.offer(event.sessionId(), event.decisionId(), value, trace.get("traceparent"), trace.get("tracestate"));
    }
}
