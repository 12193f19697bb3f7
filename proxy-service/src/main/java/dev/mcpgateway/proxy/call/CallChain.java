package dev.mcpgateway.proxy.call;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.contracts.audit.DecisionEventV1.UpstreamOutcome;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcErrors;
import dev.mcpgateway.proxy.upstream.UpstreamException;
import dev.mcpgateway.proxy.upstream.UpstreamMessage;
import dev.mcpgateway.proxy.upstream.UpstreamReply;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs a {@code tools/call} through its stages, then the upstream, then tells the listeners. Every
 * path ends in a {@link CallAnswer}; the listeners run exactly once per call, after the answer is known
 * and without delaying it.
 */
public final class CallChain {

    private static final Logger LOG = Logger.getLogger(CallChain.class);

    private final List<CallStage> stages;
    private final Forwarder forwarder;
    private final List<CallListener> listeners;

    public CallChain(List<CallStage> stages, Forwarder forwarder, List<CallListener> listeners) {
        this.stages = List.copyOf(stages);
        this.forwarder = forwarder;
        this.listeners = List.copyOf(listeners);
    }

    public Uni<CallAnswer> run(CallExchange ex, Consumer<UpstreamMessage> interim) {
        return step(0, ex)
                .chain(result -> {
                    if (result instanceof StageResult.Reject r) {
                        return Uni.createFrom().<CallAnswer>item(new CallAnswer.Answered(r.response()));
                    }
                    return forward(ex, interim);
                })
                .onFailure().recoverWithItem(t -> {
                    // A stage that failed unexpectedly: the call was not forwarded; say so without a stack trace.
                    LOG.errorf(t, "tools/call %s on %s failed inside the gateway", ex.tool(), ex.server());
                    return new CallAnswer.Failed(JsonRpcErrors.internal(t.getMessage()).withId(ex.request().id()));
                })
                .invoke(answer -> notifyListeners(ex));
    }

    private Uni<StageResult> step(int index, CallExchange ex) {
        if (index == stages.size()) {
            return Uni.createFrom().item(StageResult.forward());
        }
        return stages.get(index).apply(ex).chain(result -> resolve(result, index, ex));
    }

    private Uni<StageResult> resolve(StageResult result, int index, CallExchange ex) {
        if (result instanceof StageResult.Forward) {
            return step(index + 1, ex);
        }
        if (result instanceof StageResult.Hold h) {
            return h.resolution().chain(r -> resolve(r, index, ex));
        }
        return Uni.createFrom().item(result);
    }

    private Uni<CallAnswer> forward(CallExchange ex, Consumer<UpstreamMessage> interim) {
        JsonNode id = ex.request().id();
        return forwarder.forward(ex, interim)
                .map(reply -> relayed(ex, reply))
                .onFailure(UpstreamException.class).recoverWithItem(t -> {
                    UpstreamException u = (UpstreamException) t;
                    ex.upstreamDone(u.kind() == UpstreamException.Kind.TIMEOUT ? UpstreamOutcome.TIMEOUT : UpstreamOutcome.ERROR,
                            (System.nanoTime() - ex.startNanos()) / 1_000_000);
                    return new CallAnswer.Failed(u.toError(ex.server()).withId(id));
                });
    }

    private static CallAnswer relayed(CallExchange ex, UpstreamReply reply) {
        UpstreamMessage response = reply.response();
        if (response == null) {
            ex.upstreamDone(UpstreamOutcome.ERROR, reply.latencyMs());
            return new CallAnswer.Failed(JsonRpcErrors.upstreamBadResponse(ex.server(), "no response to tools/call")
                    .withId(ex.request().id()));
        }
        UpstreamOutcome outcome;
        if (response.node().has("error")) {
            outcome = UpstreamOutcome.ERROR;
        } else if (response.node().path("result").path("isError").asBoolean(false)) {
            outcome = UpstreamOutcome.TOOL_ERROR;
        } else {
            outcome = UpstreamOutcome.OK;
        }
        ex.upstreamDone(outcome, reply.latencyMs());
        return new CallAnswer.Relayed(response);
    }

    private void notifyListeners(CallExchange ex) {
        for (CallListener l : listeners) {
            try {
                l.completed(ex);
            } catch (RuntimeException e) {
                LOG.warnf(e, "call listener %s failed; the call itself is unaffected", l.getClass().getSimpleName());
            }
        }
    }
}
