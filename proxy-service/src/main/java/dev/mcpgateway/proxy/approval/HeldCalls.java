package dev.mcpgateway.proxy.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.contracts.policy.v1.ApprovalStatus;
import dev.mcpgateway.contracts.policy.v1.ApprovalUpdate;
import dev.mcpgateway.proxy.ProxyConfig;
import dev.mcpgateway.proxy.call.ApprovalHolder;
import dev.mcpgateway.proxy.call.CallExchange;
import dev.mcpgateway.proxy.call.StageResult;
import dev.mcpgateway.proxy.validation.ArgumentValidationStage;
import io.grpc.Status;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Holds {@code tools/call}s that wait for a human: long-polls policy-service for the outcome (never
 * blocking an event loop; a policy-service restart only costs a retry, the request lives in PostgreSQL),
 * sends {@code notifications/progress} to clients that asked for progress, and withdraws the request
 * when the client cancels ({@code notifications/cancelled}), its connection closes, or this proxy stops.
 */
// Created at start, so mcp_proxy_approvals_held exists (at 0) before the first held call: the Policy dashboard
// and a Prometheus query see "none held", not "no data".
@Startup
@ApplicationScoped
public class HeldCalls implements ApprovalHolder {

    private static final Logger LOG = Logger.getLogger(HeldCalls.class);
    private static final Duration SHUTDOWN_WITHDRAW_WAIT = Duration.ofSeconds(3);
    private static final ApprovalUpdate STILL_PENDING = ApprovalUpdate.newBuilder()
            .setStatus(ApprovalStatus.APPROVAL_PENDING).build();

    private final ApprovalGateway gateway;
    private final ProxyConfig.Approvals config;
    private final Map<String, HeldCall> held = new ConcurrentHashMap<>();
    private final ArgumentValidationStage validation;

    public HeldCalls(ApprovalGateway gateway, ProxyConfig config, MeterRegistry registry) {
        this(gateway, config, registry, null);
    }

    /** @param validation checks arguments an approver edited, as any call's are checked; null = not checked (tests) */
    @jakarta.inject.Inject
    public HeldCalls(ApprovalGateway gateway, ProxyConfig config, MeterRegistry registry,
                     ArgumentValidationStage validation) {
        this.validation = validation;
        this.gateway = gateway;
        this.config = config.approvals();
        Gauge.builder("mcp.proxy.approvals.held", held, Map::size)
                .description("tools/call requests held for a human's approval on this proxy").register(registry);
    }

    @Override
    public Uni<StageResult> hold(CallExchange ex) {
        return Uni.createFrom().deferred(() -> {
            HeldCall call = new HeldCall(ex, ex.decision().getApprovalId(), ex.decision().getApprovalExpiresAtMs());
            String key = key(ex.session().id(), ex.request().id());
            held.put(key, call);
            Cancellable ticker = watch(call);
            return outcome(call)
                    .map(u -> ApprovalOutcomes.apply(ex, u))
                    .onFailure().recoverWithItem(t -> ApprovalOutcomes.undecided(ex, describe(t)))
                    .chain(r -> r instanceof StageResult.Forward && ex.argumentsReplaced() && validation != null
                            ? validation.applyToEditedArguments(ex) : Uni.createFrom().item(r))
                    .onTermination().invoke(() -> {
                        ticker.cancel();
                        held.remove(key, call);
                    });
        });
    }

    /**
     * The client cancelled request {@code requestId} of session {@code sessionId}; true when it was held here.
     * A call held on another replica (the cancel came here, the call went there) is withdrawn through
     * policy-service by session and request id: the holding replica's long poll then answers WITHDRAWN.
     */
    public boolean cancelled(String sessionId, JsonNode requestId) {
        if (requestId == null || !(requestId.isTextual() || requestId.isIntegralNumber())) {
            return false;
        }
        HeldCall call = held.get(key(sessionId, requestId));
        if (call == null) {
            // Most cancels are of calls in flight upstream, not held: NOT_FOUND is the usual answer.
            gateway.withdrawCall(sessionId, requestId.toString(), "client cancelled").subscribe().with(
                    u -> LOG.infof("approval %s withdrawn (client cancelled, on another replica)", u.getApprovalId()),
                    t -> {
                        if (!isNotFound(t)) {
                            LOG.warnf("cancel of call %s could not be passed to policy-service (%s); a request held "
                                    + "on another replica for it will expire there", requestId, t.getMessage());
                        }
                    });
            return false;
        }
        withdraw(call, "client cancelled").subscribe().with(u -> { }, t -> { });
        return true;
    }

    int size() {
        return held.size();
    }

    /** Long poll until the request is no longer pending, or the call is withdrawn here. */
    private Uni<ApprovalUpdate> outcome(HeldCall call) {
        if (call.withdrawn()) {
            return call.localEnd();
        }
        Uni<ApprovalUpdate> poll = gateway.await(call.approvalId, config.pollWait().toMillis())
                .onFailure(t -> !isNotFound(t) && retrying(call)).recoverWithUni(t -> {
                    LOG.debugf("approval %s: policy-service did not answer (%s); asking again", call.approvalId, t.toString());
                    return Uni.createFrom().item(STILL_PENDING).onItem().delayIt().by(config.retryDelay());
                });
        return Uni.combine().any().of(poll, call.localEnd()).chain(u ->
                u.getStatus() == ApprovalStatus.APPROVAL_PENDING ? outcome(call) : Uni.createFrom().item(u));
    }

    /** Keep retrying while the request may still be decided (its expiry plus a grace for clock skew and restarts). */
    private boolean retrying(HeldCall call) {
        return System.currentTimeMillis() < call.expiresAtMs + config.outcomeGrace().toMillis();
    }

    /** Progress to the client, and a check that it is still connected, every progress interval. */
    private Cancellable watch(HeldCall call) {
        JsonNode token = call.exchange.request().param("_meta").path("progressToken");
        boolean progress = token.isTextual() || token.isIntegralNumber();
        if (progress) {
            call.exchange.notifyClient(ApprovalOutcomes.progress(token, 0, call.exchange, call.approvalId, call.expiresAtMs));
        }
        java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
        return Multi.createFrom().ticks().startingAfter(config.progressInterval()).every(config.progressInterval())
                .subscribe().with(tick -> {
            if (call.withdrawn()) {
                return;
            }
            if (call.exchange.clientGone()) {
                withdraw(call, "client disconnected").subscribe().with(u -> { }, t -> { });
            } else if (progress) {
                // progress must increase with each notification: count them (no total: the wait has no known length)
                call.exchange.notifyClient(ApprovalOutcomes.progress(token, sent.incrementAndGet(), call.exchange,
                        call.approvalId, call.expiresAtMs));
            }
        });
    }

    /** Ends the wait now and closes the request on policy-service (best effort: unclosed, it expires anyway). */
    private Uni<Void> withdraw(HeldCall call, String reason) {
        if (!call.withdrawLocally(reason)) {
            return Uni.createFrom().voidItem();
        }
        LOG.infof("approval %s withdrawn: %s", call.approvalId, reason);
        return gateway.withdraw(call.approvalId, reason).replaceWithVoid()
                .onFailure().invoke(t -> LOG.warnf("approval %s could not be withdrawn on policy-service (%s); "
                        + "it will expire there", call.approvalId, t.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** This proxy stops: every held call ends now with a refusal, and its request is closed. */
    void stopping(@Observes ShutdownEvent event) {
        List<HeldCall> calls = new ArrayList<>(held.values());
        if (calls.isEmpty()) {
            return;
        }
        LOG.infof("Stopping: withdrawing %d held call(s)", calls.size());
        List<Uni<Void>> withdrawals = calls.stream().map(c -> withdraw(c, "the gateway is shutting down")).toList();
        try {
            Uni.join().all(withdrawals).andCollectFailures().await().atMost(SHUTDOWN_WITHDRAW_WAIT);
        } catch (RuntimeException e) {
            LOG.warnf("not every held call's request was closed before shutdown: %s", e.getMessage());
        }
    }

    private static boolean isNotFound(Throwable t) {
        return Status.fromThrowable(t).getCode() == Status.Code.NOT_FOUND;
    }

    private static String describe(Throwable t) {
        Status s = Status.fromThrowable(t);
        if (s.getCode() == Status.Code.NOT_FOUND) {
            return "policy-service no longer knows the approval request";
        }
        return "policy-service did not answer about the approval: " + s.getCode().name().toLowerCase(java.util.Locale.ROOT)
                + (s.getDescription() == null ? "" : " (" + s.getDescription() + ")");
    }

    private static String key(String sessionId, JsonNode requestId) {
        return sessionId + '\u0000' + requestId;
    }
}
