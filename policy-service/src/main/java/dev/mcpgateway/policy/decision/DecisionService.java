package dev.mcpgateway.policy.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.FilterToolsRequest;
import dev.mcpgateway.contracts.policy.v1.FilterToolsResponse;
import dev.mcpgateway.contracts.policy.v1.Outcome;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.policy.Async;
import dev.mcpgateway.policy.catalog.ToolFactsSource;
import dev.mcpgateway.policy.document.Mode;
import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.evaluate.Evaluation;
import dev.mcpgateway.policy.evaluate.PolicyEvaluator;
import dev.mcpgateway.policy.evaluate.ToolFacts;
import dev.mcpgateway.policy.evaluate.Verdict;
import dev.mcpgateway.policy.grant.Grant;
import dev.mcpgateway.policy.grant.GrantRegistry;
import dev.mcpgateway.policy.limit.Charge;
import dev.mcpgateway.policy.limit.CounterStore;
import dev.mcpgateway.policy.limit.CounterStoreUnavailableException;
import dev.mcpgateway.policy.limit.LimitPlan;
import dev.mcpgateway.policy.limit.LimitPlanner;
import dev.mcpgateway.policy.limit.ReservationBook;
import dev.mcpgateway.policy.limit.ReserveResult;
import dev.mcpgateway.policy.store.PolicyRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Decide, Settle and FilterTools: grant → policy → evaluation → counters → decision. Everything is
 * in memory, so a decision takes microseconds and can run on the gRPC event loop.
 */
public class DecisionService {
    private static final JsonNode NO_ARGUMENTS = JsonNodeFactory.instance.objectNode();

    private final GrantRegistry grants;
    private final PolicyRegistry policies;
    private final ToolFactsSource catalog;
    private final CounterStore counters;
    private final ReservationBook reservations;
    private final Clock clock;
    private final DecisionIds ids;
    private final int maxArgumentsBytes;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Decision, Counter> decided = new EnumMap<>(Decision.class);
    private final Counter undecided;

    public DecisionService(GrantRegistry grants, PolicyRegistry policies, ToolFactsSource catalog, CounterStore counters,
                           ReservationBook reservations, Clock clock, int maxArgumentsBytes, MeterRegistry meters) {
        this.grants = grants;
        this.policies = policies;
        this.catalog = catalog;
        this.counters = counters;
        this.reservations = reservations;
        this.clock = clock;
        this.ids = new DecisionIds(clock::millis);
        this.maxArgumentsBytes = maxArgumentsBytes;
        for (Decision d : new Decision[] {Decision.ALLOW, Decision.DENY, Decision.RATE_LIMITED, Decision.APPROVAL_REQUIRED}) {
            decided.put(d, Counter.builder("policy.decisions").description("Decisions made, by outcome")
                    .tag("decision", d.name()).register(meters));
        }
        undecided = Counter.builder("policy.decisions").description("Decisions made, by outcome")
                .tag("decision", "UNDECIDED").register(meters);
    }

    /** {@link #decideAsync}, waited for: with counters in memory the stage is complete when it is returned. */
    public DecideResponse decide(DecideRequest req) {
        try {
            return decideAsync(req).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw Async.cause(e) instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * {@link #decide} without waiting on the counter store: the decision, or a {@link DecisionException}, completes
     * the stage. For a remote store ({@link #blocking()}) on the event loop; everything before the reservation
     * runs on the calling thread.
     */
    public CompletionStage<DecideResponse> decideAsync(DecideRequest req) {
        Draft d;
        try {
            d = draft(req);
        } catch (DecisionException e) {
            undecided.increment();
            return CompletableFuture.failedStage(e);
        }
        if (d.plan == null) {
            return CompletableFuture.completedStage(counted(d.out.build()));
        }
        return reservations.reserve(d.decisionId, d.plan.charges(), d.now).handle((rr, failure) -> {
            if (failure != null) {
                undecided.increment();
                Throwable cause = Async.cause(failure);
                throw cause instanceof CounterStoreUnavailableException u ? couldNotDecide(u)
                        : new DecisionException(DecisionException.Kind.UNAVAILABLE, "could not decide: " + cause);
            }
            return counted(d.reserved(rr));
        });
    }

    private DecideResponse counted(DecideResponse r) {
        decided.get(r.getDecision()).increment();
        return r;
    }

    private static DecisionException couldNotDecide(CounterStoreUnavailableException e) {
        return new DecisionException(DecisionException.Kind.UNAVAILABLE, "could not decide: " + e.getMessage());
    }

    /**
     * A decision up to its counters: final when {@code plan} is null, otherwise waiting for the reservation of
     * {@code plan}'s charges (one code path for the synchronous and the asynchronous Decide).
     */
    private final class Draft {
        final DecideResponse.Builder out;
        final LimitPlan plan;
        final Decision granted;
        final String decisionId;
        final long now;

        Draft(DecideResponse.Builder out, LimitPlan plan, Decision granted, String decisionId, long now) {
            this.out = out;
            this.plan = plan;
            this.granted = granted;
            this.decisionId = decisionId;
            this.now = now;
        }

        DecideResponse reserved(ReserveResult rr) {
            if (!rr.granted()) {
                Charge c = plan.charges().get(rr.refused());
                long retry = Math.max(0, c.windowEnd() - now);
                return out.setDecision(Decision.RATE_LIMITED).setRule(c.limit().pointer())
                        .setReason(LimitPlanner.refusal(c, rr.used(), retry))
                        .setLimitRemaining(rr.remaining()).setRetryAfterMs(retry).build();
            }
            // The only decision Settle acts on (a reservation to keep or give back): the proxy settles no other.
            return out.setDecision(granted).setLimitRemaining(rr.remaining()).setSkipSettle(false).build();
        }
    }

    private Draft done(DecideResponse.Builder out) {
        return new Draft(out, null, null, null, 0);
    }

    private Draft draft(DecideRequest req) {
        if (req.getGrantId().isEmpty() || req.getTool().isEmpty()) {
            throw new DecisionException(DecisionException.Kind.INVALID_ARGUMENT, "grant_id and tool are required");
        }
        JsonNode args = arguments(req);
        requireLoaded();
        Grant grant = grants.byId(req.getGrantId()).orElseThrow(() -> new DecisionException(
                DecisionException.Kind.FAILED_PRECONDITION,
                "could not decide: grant '" + req.getGrantId() + "' is unknown or revoked"));
        PolicyDocument policy = policies.find(grant.policyId());
        if (policy == null) {
            throw new DecisionException(DecisionException.Kind.FAILED_PRECONDITION,
                    "could not decide: policy '" + grant.policyId() + "' of grant '" + grant.name() + "' is not loaded");
        }
        ToolFacts facts = catalog.facts(req.getServer(), req.getTool());
        String decisionId = ids.next().toString();
        DecideResponse.Builder out = DecideResponse.newBuilder()
                .setDecisionId(decisionId)
                .setPolicyId(policy.id())
                .setPolicyVersion(policy.version())
                .setToolRisk(facts.risk())
                .setToolCategory(facts.category())
                .setEnforced(policy.mode() == Mode.ENFORCE)
                .addAllAuditArgumentValues(policy.auditArgumentValues())
                .setStrictArguments(policy.strictArguments())
                .setLimitRemaining(-1)
                // Nothing reserved yet: no Settle unless a reservation below is held.
                .setSkipSettle(true);

        if (!grant.server().isEmpty() && !grant.server().equals(req.getServer())) {
            return done(out.setDecision(Decision.DENY).setRule("")
                    .setReason("Grant '" + grant.name() + "' is for server '" + grant.server() + "', not '"
                            + req.getServer() + "'."));
        }

        Evaluation ev = PolicyEvaluator.evaluate(policy, req.getTool(), args, facts, null);
        out.setRule(ev.rule()).setReason(ev.reason());
        if (ev.verdict() == Verdict.DENY) {
            return done(out.setDecision(Decision.DENY));
        }
        // A call that needs approval is charged like an allowed one (issue 8): its quota is reserved now and held
        // through the wait (Approvals extends the reservation), then kept or given back by the proxy's Settle. An
        // exhausted limit refuses it at once: no human is asked about a call that could not run.
        Decision granted = ev.verdict() == Verdict.APPROVAL_REQUIRED ? Decision.APPROVAL_REQUIRED : Decision.ALLOW;
        long now = clock.millis();
        LimitPlan plan = LimitPlanner.plan(policy, ev.winner(), grant.id(), req.getSessionId(), args, now);
        if (!plan.chargeable()) {
            return done(out.setDecision(Decision.DENY).setRule(plan.unchargeable().pointer() + "/increment_from")
                    .setReason("Tool '" + req.getTool() + "' refused by policy '" + policy.id() + "': " + plan.why() + "."));
        }
        if (plan.charges().isEmpty()) {
            return done(out.setDecision(granted));
        }
        return new Draft(out, plan, granted, decisionId, now);
    }

    /**
     * The gRPC server accepts calls before the application has read grants and policies from the database:
     * meanwhile a missing grant or policy means "not known yet", so nothing is decided (fail closed, retryable).
     */
    private void requireLoaded() {
        if (!policies.loaded()) { // set once grants, then policies, are read (PolicySetup)
            throw new DecisionException(DecisionException.Kind.UNAVAILABLE,
                    "could not decide: policy-service is starting (grants and policies are still being read)");
        }
    }

    private JsonNode arguments(DecideRequest req) {
        int size = req.getArgumentsJson().size();
        if (size == 0) {
            return NO_ARGUMENTS;
        }
        if (size > maxArgumentsBytes) {
            throw new DecisionException(DecisionException.Kind.INVALID_ARGUMENT,
                    "arguments_json is " + size + " bytes; the limit is " + maxArgumentsBytes);
        }
        JsonNode args;
        try {
            // From a byte array, not newInput(): Jackson's InputStream path detects the encoding and
            // copies through its own buffers on every call.
            args = json.readTree(req.getArgumentsJson().toByteArray());
        } catch (JsonProcessingException e) {
            throw new DecisionException(DecisionException.Kind.INVALID_ARGUMENT,
                    "arguments_json is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DecisionException(DecisionException.Kind.INVALID_ARGUMENT, "arguments_json cannot be read");
        }
        if (args == null || !args.isObject()) {
            throw new DecisionException(DecisionException.Kind.INVALID_ARGUMENT, "arguments_json must be a JSON object");
        }
        return args;
    }

    /** Commits the decision's reservation, or gives it back when the call failed upstream or never went out. */
    public void settle(SettleRequest req) {
        boolean giveBack = giveBack(req);
        // Unknown ids are fine: refusals reserve nothing, and a settle may arrive after expiry.
        try {
            reservations.settle(req.getDecisionId(), giveBack);
        } catch (CounterStoreUnavailableException e) {
            throw couldNotGiveBack(e);
        }
    }

    /** {@link #settle} without waiting on the counter store; a failure completes the stage with a {@link DecisionException}. */
    public CompletionStage<Void> settleAsync(SettleRequest req) {
        boolean giveBack;
        try {
            giveBack = giveBack(req);
        } catch (DecisionException e) {
            return CompletableFuture.failedStage(e);
        }
        return reservations.settleAsync(req.getDecisionId(), giveBack).handle((held, failure) -> {
            if (failure != null) {
                Throwable cause = Async.cause(failure);
                throw cause instanceof CounterStoreUnavailableException u ? couldNotGiveBack(u)
                        : new DecisionException(DecisionException.Kind.UNAVAILABLE, "could not give quota back: " + cause);
            }
            return null;
        });
    }

    private static boolean giveBack(SettleRequest req) {
        if (req.getDecisionId().isEmpty()) {
            throw new DecisionException(DecisionException.Kind.INVALID_ARGUMENT, "decision_id is required");
        }
        Outcome o = req.getOutcome();
        if (o != Outcome.UPSTREAM_OK && o != Outcome.UPSTREAM_ERROR && o != Outcome.NOT_FORWARDED) {
            throw new DecisionException(DecisionException.Kind.INVALID_ARGUMENT,
                    "outcome must be UPSTREAM_OK, UPSTREAM_ERROR or NOT_FORWARDED");
        }
        return o != Outcome.UPSTREAM_OK;
    }

    private static DecisionException couldNotGiveBack(CounterStoreUnavailableException e) {
        return new DecisionException(DecisionException.Kind.UNAVAILABLE, "could not give quota back: " + e.getMessage());
    }

    /**
     * True when Decide and Settle wait on a remote counter store: on an event loop, call {@link #decideAsync} and
     * {@link #settleAsync} (the synchronous ones would block it).
     */
    public boolean blocking() {
        return counters.blocking();
    }

    public FilterToolsResponse filterTools(FilterToolsRequest req) {
        requireLoaded();
        Grant grant = grants.byId(req.getGrantId()).orElseThrow(() -> new DecisionException(
                DecisionException.Kind.FAILED_PRECONDITION,
                "could not decide: grant '" + req.getGrantId() + "' is unknown or revoked"));
        PolicyDocument policy = policies.find(grant.policyId());
        if (policy == null) {
            throw new DecisionException(DecisionException.Kind.FAILED_PRECONDITION,
                    "could not decide: policy '" + grant.policyId() + "' of grant '" + grant.name() + "' is not loaded");
        }
        FilterToolsResponse.Builder out = FilterToolsResponse.newBuilder();
        for (String tool : req.getToolsList()) {
            if (!PolicyEvaluator.isHidden(policy, tool, catalog.facts(req.getServer(), tool))) {
                out.addVisible(tool);
            }
        }
        return out.build();
    }
}
