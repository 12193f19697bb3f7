package dev.mcpgateway.proxy.call;

import dev.mcpgateway.contracts.audit.DecisionEventV1;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts calls by server, tool, decision, risk and upstream outcome, and times the whole call, the upstream
 * part and what the gateway added (histograms: see {@code metrics.ProxyMeterFilters}). Labels are bounded:
 * a tool the upstream did not list is {@value #UNKNOWN_TOOL}, a risk outside the catalog's levels is
 * {@code unknown}; never a session id or an argument.
 */
public final class CallMetrics implements CallListener {

    public static final String TOOL_CALLS = "mcp.proxy.tool.calls";
    public static final String UNKNOWN_TOOL = "_unknown";
    static final Set<String> RISKS = Set.of("low", "medium", "high", "critical");
    /** The decisions a tool call is labelled with (the audit event's). */
    public static final Set<String> DECISIONS = Set.of(
            DecisionEventV1.Decision.ALLOW.name(), DecisionEventV1.Decision.DENY.name(),
            DecisionEventV1.Decision.RATE_LIMITED.name(), DecisionEventV1.Decision.APPROVAL_REQUIRED.name(),
            DecisionEventV1.Decision.UNDECIDED.name());

    private final MeterRegistry registry;
    private final KnownTools knownTools;
    private final Set<ToolRisk> preRegistered = ConcurrentHashMap.newKeySet();
    // The meters of each label set, looked up once: a builder + register() per call allocates tags and ids and
    // runs the registry's filters four times per tools/call. The labels are bounded (see above), so are these maps.
    private final Map<CallLabels, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, ServerTimers> timers = new ConcurrentHashMap<>();

    private record CallLabels(String server, String tool, String decision, String risk, String outcome) {
    }

    private record ToolRisk(String server, String tool, String risk) {
    }

    private record ServerTimers(Timer total, Timer upstream, Timer added) {
    }

    public CallMetrics(MeterRegistry registry) {
        this(registry, new KnownTools());
    }

    public CallMetrics(MeterRegistry registry, KnownTools knownTools) {
        this.registry = registry;
        this.knownTools = knownTools;
    }

    /** The tool-call counter of one label set (registering it at 0 the first time). */
    public static Counter toolCalls(MeterRegistry registry, String server, String tool, String decision, String risk,
                                    String outcome) {
        return Counter.builder(TOOL_CALLS)
                .description("tools/call requests by server, tool, decision, risk and upstream outcome")
                .tag("server", server).tag("tool", tool).tag("decision", decision).tag("risk", risk).tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public void completed(CallExchange ex) {
        String decision = ex.isUndecided() || ex.decision() == null ? "UNDECIDED" : ex.decision().getDecision().name();
        String tool = knownTools.known(ex.server(), ex.tool()) ? ex.tool() : UNKNOWN_TOOL;
        String risk = risk(ex);
        counters.computeIfAbsent(new CallLabels(ex.server(), tool, decision, risk, ex.upstreamOutcome().name()),
                this::firstOfLabels).increment();
        long totalNanos = System.nanoTime() - ex.startNanos();
        ServerTimers t = timers.computeIfAbsent(ex.server(), this::serverTimers);
        t.total().record(totalNanos, TimeUnit.NANOSECONDS);
        if (ex.upstreamLatencyMs() != null) {
            long upstreamNanos = TimeUnit.MILLISECONDS.toNanos(ex.upstreamLatencyMs());
            t.upstream().record(upstreamNanos, TimeUnit.NANOSECONDS);
            t.added().record(Math.max(0, totalNanos - upstreamNanos), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * The counter of a label set seen for the first time; the first time a tool is seen with its risk, its refusals
     * are registered at 0 too, so that increase() sees the first one. Only on a new label set: nothing per call.
     */
    private Counter firstOfLabels(CallLabels l) {
        if (!l.tool().equals(UNKNOWN_TOOL) && preRegistered.add(new ToolRisk(l.server(), l.tool(), l.risk()))) {
            for (String d : DECISIONS) {
                if (!"ALLOW".equals(d)) {
                    toolCalls(registry, l.server(), l.tool(), d, l.risk(), DecisionEventV1.UpstreamOutcome.NOT_FORWARDED.name());
                }
            }
        }
        return toolCalls(registry, l.server(), l.tool(), l.decision(), l.risk(), l.outcome());
    }

    private ServerTimers serverTimers(String server) {
        return new ServerTimers(
                Timer.builder("mcp.proxy.tool.call.duration").description("Time to answer a tools/call, gateway included")
                        .tag("server", server).register(registry),
                Timer.builder("mcp.proxy.upstream.duration").description("Time the upstream took to answer a tools/call")
                        .tag("server", server).register(registry),
                Timer.builder("mcp.proxy.added.latency")
                        .description("Time the gateway added to a forwarded tools/call: the whole call minus the upstream's part")
                        .tag("server", server).register(registry));
    }

    /** Forwards a {@code tools/list} answer to the known tools (the {@code tool} label's values). */
    public void toolsListed(dev.mcpgateway.proxy.upstream.UpstreamTransport upstream,
                            dev.mcpgateway.proxy.upstream.UpstreamMessage response, boolean firstPage) {
        knownTools.listed(upstream, response, firstPage);
    }

    private static String risk(CallExchange ex) {
        if (ex.decision() == null) {
            return "unknown";
        }
        String r = ex.decision().getToolRisk().toLowerCase(Locale.ROOT);
        return RISKS.contains(r) ? r : "unknown";
    }
}
