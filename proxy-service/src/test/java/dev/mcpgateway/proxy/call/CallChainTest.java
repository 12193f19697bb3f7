package dev.mcpgateway.proxy.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.contracts.audit.DecisionEventV1.UpstreamOutcome;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.FilterToolsRequest;
import dev.mcpgateway.contracts.policy.v1.Outcome;
import dev.mcpgateway.contracts.policy.v1.ResolveGrantResponse;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.proxy.auth.Grant;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcErrors;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcMessage;
import dev.mcpgateway.proxy.jsonrpc.JsonRpcParser;
import dev.mcpgateway.proxy.policy.PolicyGateway;
import dev.mcpgateway.proxy.session.ProxySession;
import dev.mcpgateway.proxy.upstream.UpstreamException;
import dev.mcpgateway.proxy.upstream.UpstreamMessage;
import dev.mcpgateway.proxy.upstream.UpstreamReply;
import io.grpc.Status;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every branch of the tools/call chain, with a scripted policy and upstream: no Quarkus, no network. */
class CallChainTest {

    private final List<CallExchange> completed = new ArrayList<>();
    private final List<SettleRequest> settles = new ArrayList<>();
    private int forwarded;

    @Test
    void allowForwardsAndRelaysTheUpstreamResult() {
        CallAnswer answer = run(ok(Decision.ALLOW), upstreamAnswers("{\"content\":[],\"isError\":false}"));
        UpstreamMessage relayed = assertInstanceOf(CallAnswer.Relayed.class, answer).response();
        assertEquals(7, relayed.node().path("id").asInt());
        assertEquals(1, forwarded);
        assertEquals(UpstreamOutcome.OK, only().upstreamOutcome());
        assertEquals(Outcome.UPSTREAM_OK, settled());
    }

    @Test
    void aDecisionThatReservedNothingIsNotSettled() {
        CallAnswer answer = run(ok(Decision.ALLOW, b -> b.setSkipSettle(true)), upstreamAnswers("{\"content\":[]}"));
        assertInstanceOf(CallAnswer.Relayed.class, answer);
        assertEquals(1, forwarded);
        assertEquals(UpstreamOutcome.OK, only().upstreamOutcome(), "the other listeners still see the call");
        assertTrue(settles.isEmpty(), "no reservation: Settle would change nothing, so none is sent");
    }

    @Test
    void aDecisionFromAnOlderPolicyServiceIsSettled() {
        // An older policy-service knows no skip_settle: the field is absent, so the proxy settles as it always did.
        run(req -> Uni.createFrom().item(DecideResponse.newBuilder().setDecision(Decision.ALLOW).setDecisionId("d-old")
                .setEnforced(true).setLimitRemaining(3).build()), upstreamAnswers("{\"content\":[]}"));
        assertEquals(Outcome.UPSTREAM_OK, settled());
    }

    @Test
    void aRefusalThatReservedNothingIsNotSettledEither() {
        refusal(run(ok(Decision.DENY, b -> b.setSkipSettle(true).setReason("no")), upstreamAnswers("{}")));
        assertEquals(0, forwarded);
        assertTrue(settles.isEmpty());
    }

    @Test
    void aReservationIsGivenBackWhenTheUpstreamFails() {
        run(ok(Decision.ALLOW, b -> b.setLimitRemaining(4)), (ex, interim) -> Uni.createFrom().failure(
                new UpstreamException(UpstreamException.Kind.UNREACHABLE, "connection refused", 2000)));
        assertEquals(Outcome.UPSTREAM_ERROR, settled());
        assertEquals("d-1", settles.get(0).getDecisionId());
    }

    @Test
    void aToolErrorIsStillAnUpstreamSuccess() {
        run(ok(Decision.ALLOW), upstreamAnswers("{\"content\":[],\"isError\":true}"));
        assertEquals(UpstreamOutcome.TOOL_ERROR, only().upstreamOutcome());
        assertEquals(Outcome.UPSTREAM_OK, settled());
    }

    @Test
    void denyAnswersWithTheReasonAndDoesNotForward() {
        CallAnswer answer = run(ok(Decision.DENY, b -> b.setReason("tool x is not allowed").setRule("/default")), upstreamAnswers("{}"));
        JsonNode result = refusal(answer);
        assertEquals(0, forwarded);
        assertTrue(result.path("isError").asBoolean());
        assertTrue(text(result).contains("tool x is not allowed"), text(result));
        JsonNode meta = result.path("_meta").path(Refusals.META_KEY);
        assertEquals("DENY", meta.path("decision").asText());
        assertEquals("/default", meta.path("rule").asText());
        assertEquals("d-1", meta.path("decisionId").asText());
        assertTrue(meta.path("retryAfterMs").isMissingNode());
        assertEquals(UpstreamOutcome.NOT_FORWARDED, only().upstreamOutcome());
        assertEquals(Outcome.NOT_FORWARDED, settled());
    }

    @Test
    void rateLimitedSaysWhenToRetry() {
        JsonNode result = refusal(run(ok(Decision.RATE_LIMITED, b -> b.setReason("10 per minute").setLimitRemaining(0)
                .setRetryAfterMs(1500)), upstreamAnswers("{}")));
        assertTrue(text(result).contains("Retry after 2 seconds"), text(result));
        JsonNode meta = result.path("_meta").path(Refusals.META_KEY);
        assertEquals(1500, meta.path("retryAfterMs").asLong());
        assertEquals(0, meta.path("limitRemaining").asLong());
        assertEquals(0, forwarded);
    }

    @Test
    void approvalRequiredIsRefusedForNow() {
        JsonNode result = refusal(run(ok(Decision.APPROVAL_REQUIRED, b -> b.setReason("critical")), upstreamAnswers("{}")));
        assertTrue(text(result).contains("approval"), text(result));
        assertEquals(0, forwarded);
    }

    @Test
    void aPolicyErrorIsCouldNotDecideNotADeny() {
        JsonNode result = refusal(run(req -> Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("down").asRuntimeException()),
                upstreamAnswers("{}")));
        assertEquals(0, forwarded);
        assertTrue(text(result).contains("could not decide"), text(result));
        assertTrue(text(result).contains("not forwarded"), text(result));
        assertEquals("UNDECIDED", result.path("_meta").path(Refusals.META_KEY).path("decision").asText());
        CallExchange ex = only();
        assertTrue(ex.isUndecided());
        assertNull(ex.decision());
        assertTrue(settles.isEmpty(), "nothing was decided, so nothing is settled");
    }

    @Test
    void aDeadlineIsCouldNotDecideToo() {
        refusal(run(req -> Uni.createFrom().<DecideResponse>nothing().ifNoItem().after(Duration.ofMillis(10))
                .failWith(() -> Status.DEADLINE_EXCEEDED.asRuntimeException()), upstreamAnswers("{}")));
        assertTrue(only().undecidedCause().contains("did not answer in time"));
    }

    @Test
    void anUnspecifiedDecisionFailsClosed() {
        refusal(run(ok(Decision.DECISION_UNSPECIFIED), upstreamAnswers("{}")));
        assertEquals(0, forwarded);
        assertTrue(only().isUndecided());
    }

    @Test
    void monitorModeForwardsEvenADeny() {
        CallAnswer answer = run(ok(Decision.DENY, b -> b.setEnforced(false)), upstreamAnswers("{\"content\":[]}"));
        assertInstanceOf(CallAnswer.Relayed.class, answer);
        assertEquals(1, forwarded);
    }

    @Test
    void anUpstreamTimeoutIsAnErrorNamingTheServerAndGivesTheQuotaBack() {
        CallAnswer answer = run(ok(Decision.ALLOW), (ex, interim) -> Uni.createFrom().failure(
                new UpstreamException(UpstreamException.Kind.TIMEOUT, "timed out", 2000)));
        CallAnswer.Failed failed = assertInstanceOf(CallAnswer.Failed.class, answer);
        assertEquals(JsonRpcErrors.UPSTREAM_TIMEOUT, failed.error().code());
        assertTrue(failed.error().message().contains("'smartlead'"));
        assertEquals(7, failed.error().id().asInt());
        assertEquals(UpstreamOutcome.TIMEOUT, only().upstreamOutcome());
        assertEquals(Outcome.UPSTREAM_ERROR, settled());
    }

    @Test
    void anUpstreamJsonRpcErrorIsRelayedAndCountsAsAnError() {
        CallAnswer answer = run(ok(Decision.ALLOW), (ex, interim) -> Uni.createFrom().item(reply(
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602,\"message\":\"bad arguments\"}}")));
        assertInstanceOf(CallAnswer.Relayed.class, answer);
        assertEquals(UpstreamOutcome.ERROR, only().upstreamOutcome());
    }

    @Test
    void aHoldWaitsForItsResolution() {
        CallStage hold = ex -> Uni.createFrom().item(StageResult.hold(Uni.createFrom().item(StageResult.forward())));
        CallChain chain = new CallChain(List.of(hold, new DecideStage(policy(ok(Decision.ALLOW)))),
                upstreamAnswers("{\"content\":[]}"), List.of(completed::add));
        assertInstanceOf(CallAnswer.Relayed.class, chain.run(exchange(), m -> { }).await().atMost(Duration.ofSeconds(5)));
        assertEquals(1, forwarded);
    }

    @Test
    void aFailingListenerDoesNotFailTheCall() {
        CallChain chain = new CallChain(List.of(new DecideStage(policy(ok(Decision.ALLOW)))), upstreamAnswers("{\"content\":[]}"),
                List.of(ex -> {
                    throw new IllegalStateException("broker exploded");
                }, completed::add));
        assertInstanceOf(CallAnswer.Relayed.class, chain.run(exchange(), m -> { }).await().atMost(Duration.ofSeconds(5)));
        assertEquals(1, completed.size());
    }

    // ---------------------------------------------------------------- helpers

    private CallAnswer run(Function<DecideRequest, Uni<DecideResponse>> decide, Forwarder forwarder) {
        PolicyGateway policy = policy(decide);
        CallChain chain = new CallChain(List.of(new DecideStage(policy)), forwarder,
                List.of(new SettleListener(policy), completed::add));
        return chain.run(exchange(), m -> { }).await().atMost(Duration.ofSeconds(5));
    }

    private PolicyGateway policy(Function<DecideRequest, Uni<DecideResponse>> decide) {
        return new PolicyGateway() {
            @Override
            public Uni<ResolveGrantResponse> resolveGrant(String token) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Uni<DecideResponse> decide(DecideRequest request) {
                return decide.apply(request);
            }

            @Override
            public Uni<Void> settle(SettleRequest request) {
                settles.add(request);
                return Uni.createFrom().voidItem();
            }

            @Override
            public Uni<List<String>> filterTools(FilterToolsRequest request) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static Function<DecideRequest, Uni<DecideResponse>> ok(Decision d) {
        return ok(d, b -> b);
    }

    /** A decision that reserved quota (skip_settle false), as policy-service answers when a limit applies. */
    private static Function<DecideRequest, Uni<DecideResponse>> ok(Decision d, Function<DecideResponse.Builder, DecideResponse.Builder> more) {
        return req -> Uni.createFrom().item(more.apply(DecideResponse.newBuilder().setDecision(d).setDecisionId("d-1")
                .setEnforced(true).setLimitRemaining(-1).setSkipSettle(false)).build());
    }

    private Forwarder upstreamAnswers(String resultJson) {
        return (ex, interim) -> {
            forwarded++;
            return Uni.createFrom().item(reply("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + resultJson + "}"));
        };
    }

    private static UpstreamReply reply(String json) {
        try {
            return new UpstreamReply(new UpstreamMessage((ObjectNode) Json.MAPPER.readTree(json),
                    json.getBytes(StandardCharsets.UTF_8)), "up-1", 3);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CallExchange exchange() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"t\",\"arguments\":{\"a\":1}}}";
        JsonRpcMessage msg = ((JsonRpcParser.Single) JsonRpcParser.parse(body.getBytes(StandardCharsets.UTF_8))).message();
        ProxySession session = new ProxySession("s-1", "sealed-s-1", "smartlead", "g-1", "demo", "up-1", "2025-11-25", Json.object(), Instant.now(), Instant.now().plusSeconds(60));
        return new CallExchange(msg, "smartlead", new Grant("g-1", "demo", "", "p-1"), session, "t",
                (ObjectNode) msg.param("arguments"), Context.root(), Instant.now(), System.nanoTime(), null);
    }

    private CallExchange only() {
        assertEquals(1, completed.size(), "listeners run exactly once per call");
        return completed.get(0);
    }

    private Outcome settled() {
        assertEquals(1, settles.size());
        return settles.get(0).getOutcome();
    }

    private static JsonNode refusal(CallAnswer answer) {
        ObjectNode response = assertInstanceOf(CallAnswer.Answered.class, answer).response();
        assertEquals(7, response.path("id").asInt(), "the refusal answers the agent's request id");
        return response.path("result");
    }

    private static String text(JsonNode result) {
        return result.path("content").path(0).path("text").asText();
    }
}
