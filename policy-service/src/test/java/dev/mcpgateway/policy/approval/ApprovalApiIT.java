package dev.mcpgateway.policy.approval;

import static dev.mcpgateway.testsupport.Operators.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.ApprovalServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.ApprovalStatus;
import dev.mcpgateway.contracts.policy.v1.ApprovalUpdate;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.Outcome;
import dev.mcpgateway.contracts.policy.v1.PolicyServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.contracts.policy.v1.WaitApprovalRequest;
import dev.mcpgateway.contracts.policy.v1.WithdrawApprovalRequest;
import dev.mcpgateway.policy.Blocking;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The approval flow against real PostgreSQL: hold, list, approve (with edits), reject, expire, withdraw, standing, webhook. */
@QuarkusTest
@QuarkusTestResource(ApprovalFixtures.class)
class ApprovalApiIT {
    static final String POLICY = "{\"version\":1,\"default\":\"allow\",\"tools\":{"
            + "\"transfer_funds\":{\"action\":\"require_approval\",\"reason\":\"moves money\"},"
            + "\"wipe_data\":{\"action\":\"require_approval\",\"reason\":\"destructive\"},"
            + "\"metered\":{\"action\":\"require_approval\",\"limits\":[{\"counter\":\"metered\",\"window\":\"day\",\"max\":1}]},"
            + "\"metered_standing\":{\"action\":\"require_approval\","
            + "\"limits\":[{\"counter\":\"metered_standing\",\"window\":\"day\",\"max\":1}]},"
            + "\"pay\":{\"action\":\"require_approval\",\"limits\":[{\"counter\":\"spend_cap\",\"window\":\"day\","
            + "\"max\":1000,\"increment_from\":\"args.amount\"}]}}}";
    private static String grant;

    @GrpcClient("policy")
    PolicyServiceGrpc.PolicyServiceBlockingStub policy;
    @GrpcClient("approvals")
    ApprovalServiceGrpc.ApprovalServiceBlockingStub approvals;
    @Inject
    Pool pool;
    @Inject
    ApprovalStore store;

    @BeforeEach
    void policyAndGrant() {
        if (grant == null) {
            given().contentType("application/json").body(POLICY).put("/api/policies/approvals-it").then().statusCode(200);
            grant = given().contentType("application/json")
                    .body("{\"name\":\"approvals-it\",\"server\":\"bank\",\"policy\":\"approvals-it\"}")
                    .post("/api/grants").then().statusCode(201).extract().path("id");
        }
    }

    private DecideResponse decide(String tool, String args) {
        return policy.decide(DecideRequest.newBuilder().setGrantId(grant).setSessionId("sess-1").setServer("bank")
                .setTool(tool).setArgumentsJson(ByteString.copyFromUtf8(args)).build());
    }

    private String held(String tool, String args) {
        DecideResponse r = decide(tool, args);
        assertEquals(Decision.APPROVAL_REQUIRED, r.getDecision());
        assertEquals(r.getDecisionId(), r.getApprovalId(), "the request is keyed by the decision id");
        assertTrue(r.getApprovalExpiresAtMs() > System.currentTimeMillis() + 60_000, "default TTL is 5 minutes");
        return r.getApprovalId();
    }

    private ApprovalUpdate await(String id, long ms) {
        return approvals.withDeadlineAfter(ms + 5_000, TimeUnit.MILLISECONDS)
                .waitApproval(WaitApprovalRequest.newBuilder().setApprovalId(id).setWaitMs(ms).build());
    }

    /** A pending request of "pay" stored directly (no Decide, so no quota held): the store's own locking alone. */
    private String pendingRow(Instant now) {
        String id = "lock-" + UUID.randomUUID();
        store.insert(new ApprovalRequest(id, RequestStatus.PENDING, grant, "approvals-it", "sess-lock", "bank", "pay",
                "{\"amount\":500}", "", "", "/tools/pay/action", "approvals-it", 1, "needs approval", now,
                now.plusSeconds(300), null, null, null, null, null, null), null).await().atMost(Duration.ofSeconds(5));
        return id;
    }

    /**
     * An approval with an edit re-plans the held quota inside the row's lock (Approvals.approveEdited): a second
     * approver's edit, or a rejection, waits for that lock and then finds the request decided, so its re-plan never
     * runs. Straight against the store, with the first approval held inside its lock by the test.
     */
    @Test
    void anApprovalWithAnEditHoldsTheRowSoASecondDecisionWaitsAndFindsItDecided() throws Exception {
        Instant now = Instant.now();
        String id = pendingRow(now);
        CompletableFuture<Void> inLock = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        AtomicBoolean secondReplanned = new AtomicBoolean();

        CompletableFuture<ApprovalRequest> alice = store.approveLocked(id, "alice", null, "{\"amount\":100}",
                List.of("amount"), now, row -> {
                    inLock.complete(null);
                    return Uni.createFrom().completionStage(release);
                }).subscribeAsCompletionStage();
        inLock.get(5, TimeUnit.SECONDS);
        CompletableFuture<ApprovalRequest> bob = store.approveLocked(id, "bob", null, "{\"amount\":300}",
                List.of("amount"), now, row -> {
                    secondReplanned.set(true);
                    return Uni.createFrom().voidItem();
                }).subscribeAsCompletionStage();
        CompletableFuture<ApprovalRequest> carol = store.close(id, RequestStatus.REJECTED, "carol", "no", now)
                .subscribeAsCompletionStage();
        Thread.sleep(300);
        assertFalse(bob.isDone(), "bob's approval waits for alice's lock");
        assertFalse(carol.isDone(), "so does carol's rejection");

        release.complete(null);
        assertEquals("alice", alice.get(5, TimeUnit.SECONDS).decidedBy());
        assertNull(bob.get(5, TimeUnit.SECONDS), "bob finds the request decided");
        assertFalse(secondReplanned.get(), "and never re-planned the quota");
        assertNull(carol.get(5, TimeUnit.SECONDS));
        given().get("/api/approvals/" + id).then().statusCode(200).body("status", equalTo("approved"))
                .body("decided_by", equalTo("alice")).body("edited_arguments.amount", equalTo(100));
    }

    /** A re-plan that fails inside the lock rolls the approval back: the request stays pending for the next approver. */
    @Test
    void aFailureInsideTheLockLeavesTheRequestPending() {
        Instant now = Instant.now();
        String id = pendingRow(now);

        assertThrows(IllegalStateException.class, () -> store.approveLocked(id, "alice", null, "{\"amount\":100}",
                List.of("amount"), now, row -> Uni.createFrom().failure(new IllegalStateException("over a limit")))
                .await().atMost(Duration.ofSeconds(5)));
        given().get("/api/approvals/" + id).then().statusCode(200).body("status", equalTo("pending"));
        assertEquals("bob", store.approve(id, "bob", null, null, null, now).await().atMost(Duration.ofSeconds(5)).decidedBy());
    }

    @Test
    void approveWithEditedArgumentsReleasesTheWaitingCall() throws Exception {
        String id = held("transfer_funds", "{\"amount\":5000,\"to\":\"acct-9\"}");
        given().queryParam("status", "pending").get("/api/approvals").then().statusCode(200).body("id", hasItem(id));
        given().get("/api/approvals/" + id).then().statusCode(200)
                .body("status", equalTo("pending")).body("grant", equalTo(grant)).body("grant_name", equalTo("approvals-it"))
                .body("session", equalTo("sess-1")).body("server", equalTo("bank")).body("tool", equalTo("transfer_funds"))
                .body("arguments.amount", equalTo(5000)).body("rule", equalTo("/tools/transfer_funds/action"))
                .body("policy_reason", equalTo("moves money")).body("expires_at", notNullValue());
        assertEquals(ApprovalStatus.APPROVAL_PENDING, await(id, 100).getStatus(), "still pending after a short poll");

        CompletableFuture<ApprovalUpdate> waiting = CompletableFuture.supplyAsync(() -> await(id, 20_000));
        Thread.sleep(300);
        assertFalse(waiting.isDone(), () -> "the long poll waits for the approver, but ended with "
                + waiting.handle((v, t) -> v + " / " + t).join());
        given().contentType("application/json")
                .body("{\"approver\":\"alice\",\"note\":\"capped\",\"arguments\":{\"amount\":900,\"to\":\"acct-9\"}}")
                .post("/api/approvals/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("approved")).body("decided_by", equalTo("alice")).body("note", equalTo("capped"))
                .body("edited_arguments.amount", equalTo(900)).body("edited_keys", equalTo(List.of("amount")));

        ApprovalUpdate u = waiting.get(5, TimeUnit.SECONDS);
        assertEquals(ApprovalStatus.APPROVAL_APPROVED, u.getStatus());
        assertEquals("alice", u.getApprover());
        assertEquals("capped", u.getReason());
        assertEquals("{\"amount\":900,\"to\":\"acct-9\"}", u.getArgumentsJson().toStringUtf8());
        assertEquals(List.of("amount"), u.getEditedKeysList());
        assertTrue(u.getDecidedAtMs() >= u.getCreatedAtMs());

        given().contentType("application/json").body("{\"approver\":\"bob\"}").post("/api/approvals/" + id + "/approve")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("approved by alice"));
        given().contentType("application/json").body("{\"approver\":\"bob\",\"reason\":\"no\"}")
                .post("/api/approvals/" + id + "/reject").then().statusCode(409);
        given().queryParam("status", "pending").get("/api/approvals").then().body("id", not(hasItem(id)));
    }

    @Test
    void editsThatBreakTheSchemaAre422AndChangeNothing() {
        String id = held("transfer_funds", "{\"amount\":10,\"to\":\"acct-1\"}");
        given().contentType("application/json")
                .body("{\"approver\":\"alice\",\"arguments\":{\"amount\":\"lots\",\"extra\":true}}")
                .post("/api/approvals/" + id + "/approve").then().statusCode(422).contentType("application/problem+json")
                // wrong type, unknown property, and the required "to" missing: every error, not the first
                .body("errors.size()", equalTo(3)).body("errors.pointer", hasItems("/amount", "/to", "/extra"))
                .body("errors.message", hasItem(containsString("number expected")));
        given().get("/api/approvals/" + id).then().body("status", equalTo("pending")).body("decided_by", equalTo(null));

        given().contentType("application/json").body("{\"approver\":\"alice\"}").post("/api/approvals/" + id + "/reject")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body("{\"approver\":\"carol\",\"reason\":\"wrong account\"}")
                .post("/api/approvals/" + id + "/reject").then().statusCode(200)
                .body("status", equalTo("rejected")).body("reason", equalTo("wrong account"));
        ApprovalUpdate u = await(id, 1_000);
        assertEquals(ApprovalStatus.APPROVAL_REJECTED, u.getStatus());
        assertEquals("carol", u.getApprover());
        assertEquals("wrong account", u.getReason());
    }

    @Test
    void unknownRequestsAreNotFound() {
        given().contentType("application/json").body("{\"approver\":\"alice\"}").post("/api/approvals/nope/approve")
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/api/approvals/nope").then().statusCode(404);
        given().queryParam("status", "maybe").get("/api/approvals").then().statusCode(400);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> await("nope", 10));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }

    @Test
    void anExpiredRequestIsClosedAndCannotBeApproved() {
        String id = held("wipe_data", "{}");
        CompletableFuture<ApprovalUpdate> waiting = CompletableFuture.supplyAsync(() -> await(id, 20_000));
        // Five minutes pass: the row's expiry moves into the past; the sweep does the rest.
        Blocking.await(() -> pool.preparedQuery("update approval_request set expires_at = now() - interval '1 second' where id = $1")
                .execute(Tuple.of(id)));
        ApprovalUpdate u = waiting.join();
        assertEquals(ApprovalStatus.APPROVAL_EXPIRED, u.getStatus());
        assertEquals("approval expired", u.getReason());
        given().get("/api/approvals/" + id).then().body("status", equalTo("expired")).body("reason", equalTo("approval expired"));
        given().contentType("application/json").body("{\"approver\":\"alice\"}").post("/api/approvals/" + id + "/approve")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("expired"));
    }

    @Test
    void aWithdrawnRequestCannotBeApproved() {
        String id = held("wipe_data", "{\"scope\":\"all\"}");
        ApprovalUpdate u = approvals.withdrawApproval(WithdrawApprovalRequest.newBuilder().setApprovalId(id)
                .setReason("client cancelled").build());
        assertEquals(ApprovalStatus.APPROVAL_WITHDRAWN, u.getStatus());
        assertEquals("client cancelled", u.getReason());
        given().contentType("application/json").body("{\"approver\":\"alice\"}").post("/api/approvals/" + id + "/approve")
                .then().statusCode(409).body("detail", containsString("withdrawn"));
    }

    @Test
    void aCancelReachingAnotherProxyReplicaWithdrawsTheRequestBySessionAndCallId() throws Exception {
        DecideResponse r = policy.decide(DecideRequest.newBuilder().setGrantId(grant).setSessionId("sess-cancel")
                .setServer("bank").setTool("wipe_data").setArgumentsJson(ByteString.copyFromUtf8("{}"))
                .setRequestId("\"call-42\"").build());
        String id = r.getApprovalId();
        assertEquals(Decision.APPROVAL_REQUIRED, r.getDecision());
        // The replica holding the call long-polls; the cancel reaches another replica, which knows only the
        // session and the JSON-RPC id.
        CompletableFuture<ApprovalUpdate> holding = CompletableFuture.supplyAsync(() -> await(id, 20_000));
        Thread.sleep(300);
        assertFalse(holding.isDone());

        // Another session's call with the same JSON-RPC id is not this one.
        StatusRuntimeException other = assertThrows(StatusRuntimeException.class, () -> approvals.withdrawApproval(
                WithdrawApprovalRequest.newBuilder().setSessionId("sess-other").setRequestId("\"call-42\"")
                        .setReason("client cancelled").build()));
        assertEquals(Status.Code.NOT_FOUND, other.getStatus().getCode());
        assertFalse(holding.isDone());

        ApprovalUpdate w = approvals.withdrawApproval(WithdrawApprovalRequest.newBuilder().setSessionId("sess-cancel")
                .setRequestId("\"call-42\"").setReason("client cancelled").build());
        assertEquals(id, w.getApprovalId());
        assertEquals(ApprovalStatus.APPROVAL_WITHDRAWN, w.getStatus());
        ApprovalUpdate seen = holding.get(5, TimeUnit.SECONDS);
        assertEquals(ApprovalStatus.APPROVAL_WITHDRAWN, seen.getStatus(), "the holding replica's long poll learns it");
        assertEquals("client cancelled", seen.getReason());
        given().get("/api/approvals/" + id).then().body("status", equalTo("withdrawn"));

        // Once closed there is nothing pending for the call; and a request without any id is refused.
        StatusRuntimeException again = assertThrows(StatusRuntimeException.class, () -> approvals.withdrawApproval(
                WithdrawApprovalRequest.newBuilder().setSessionId("sess-cancel").setRequestId("\"call-42\"").build()));
        assertEquals(Status.Code.NOT_FOUND, again.getStatus().getCode());
        StatusRuntimeException invalid = assertThrows(StatusRuntimeException.class, () -> approvals.withdrawApproval(
                WithdrawApprovalRequest.newBuilder().setSessionId("sess-cancel").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, invalid.getStatus().getCode());
    }

    private void settle(String decisionId, Outcome outcome) {
        policy.settle(SettleRequest.newBuilder().setDecisionId(decisionId).setOutcome(outcome).build());
    }

    @Test
    void aCallThatWentThroughApprovalIsChargedToItsLimitsLikeAnAllowedCall() throws Exception {
        // Decide reserves the quota (1 per day) and the request holds it through the wait.
        DecideResponse first = decide("metered", "{}");
        assertEquals(Decision.APPROVAL_REQUIRED, first.getDecision());
        assertEquals(0, first.getLimitRemaining());
        DecideResponse second = decide("metered", "{}");
        assertEquals(Decision.RATE_LIMITED, second.getDecision(), "the held call's quota is taken: no second approval asked");
        assertEquals("/tools/metered/limits/0", second.getRule());
        assertEquals("", second.getApprovalId());

        // Rejected: the proxy refuses the call and settles NOT_FORWARDED, which gives the quota back.
        given().contentType("application/json").body("{\"approver\":\"carol\",\"reason\":\"no\"}")
                .post("/api/approvals/" + first.getApprovalId() + "/reject").then().statusCode(200);
        settle(first.getDecisionId(), Outcome.NOT_FORWARDED);
        DecideResponse third = decide("metered", "{}");
        assertEquals(Decision.APPROVAL_REQUIRED, third.getDecision(), third.getReason());

        // Approved and run upstream: settled UPSTREAM_OK, the quota stays used.
        given().contentType("application/json").body("{\"approver\":\"alice\"}")
                .post("/api/approvals/" + third.getApprovalId() + "/approve").then().statusCode(200);
        assertEquals(ApprovalStatus.APPROVAL_APPROVED, await(third.getApprovalId(), 1_000).getStatus());
        settle(third.getDecisionId(), Outcome.UPSTREAM_OK);
        DecideResponse fourth = decide("metered", "{}");
        assertEquals(Decision.RATE_LIMITED, fourth.getDecision(), "the approved call counted");
        assertTrue(fourth.getReason().contains("Rate limit 'metered' reached"), fourth.getReason());
    }

    private void approveWith(String id, String arguments, int status) {
        given().contentType("application/json").body("{\"approver\":\"alice\",\"arguments\":" + arguments + "}")
                .post("/api/approvals/" + id + "/approve").then().statusCode(status);
    }

    @Test
    void anApproversEditReplansTheSpendCapTheCallHolds() {
        String big = held("pay", "{\"amount\":800}");
        assertEquals(Decision.RATE_LIMITED, decide("pay", "{\"amount\":300}").getDecision(), "800 of 1000 are held");

        // Edited down to 100: the 700 go back before the call runs.
        approveWith(big, "{\"amount\":100}", 200);
        String second = held("pay", "{\"amount\":850}");

        // Edited up past the cap (100 + 950): refused, nothing changed, still pending.
        given().contentType("application/json").body("{\"approver\":\"alice\",\"arguments\":{\"amount\":950}}")
                .post("/api/approvals/" + second + "/approve").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("limit 'spend_cap'")).body("detail", containsString("950 of 1000 are used"))
                .body("detail", containsString("Nothing was changed"));
        // An amount Decide could not charge: refused like Decide would (fail closed).
        given().contentType("application/json").body("{\"approver\":\"alice\",\"arguments\":{\"amount\":\"lots\"}}")
                .post("/api/approvals/" + second + "/approve").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("argument args.amount must be a non-negative number for limit 'spend_cap'"));
        given().get("/api/approvals/" + second).then().body("status", equalTo("pending"));

        // Edited up within the cap: 100 + 900 = 1000, nothing left.
        approveWith(second, "{\"amount\":900}", 200);
        assertEquals(Decision.RATE_LIMITED, decide("pay", "{\"amount\":1}").getDecision());

        // The first call was not forwarded after all: its Settle gives back the edited 100, not the 800 asked for.
        settle(big, Outcome.NOT_FORWARDED);
        DecideResponse third = decide("pay", "{\"amount\":100}");
        assertEquals(Decision.APPROVAL_REQUIRED, third.getDecision(), third.getReason());
        assertEquals(0, third.getLimitRemaining());
        assertEquals(Decision.RATE_LIMITED, decide("pay", "{\"amount\":1}").getDecision());
    }

    @Test
    void callsAllowedByAStandingApprovalAreChargedToo() {
        given().contentType("application/json")
                .body("{\"grant\":\"" + grant + "\",\"tool\":\"metered_standing\",\"calls\":5,\"approver\":\"dana\"}")
                .post("/api/approvals/standing").then().statusCode(201);
        DecideResponse first = decide("metered_standing", "{}");
        assertEquals(Decision.ALLOW, first.getDecision(), first.getReason());
        assertTrue(first.getRule().startsWith("standing_approval/"), first.getRule());
        assertEquals(0, first.getLimitRemaining());
        settle(first.getDecisionId(), Outcome.UPSTREAM_OK);
        DecideResponse second = decide("metered_standing", "{}");
        assertEquals(Decision.RATE_LIMITED, second.getDecision(), "a standing approval does not lift the grant's limits");
    }

    @Test
    void standingApprovalAllowsNCallsThenAsksAgain() {
        String sid = given().contentType("application/json")
                .body("{\"grant\":\"" + grant + "\",\"tool\":\"wipe_data\",\"calls\":2,\"approver\":\"dana\",\"note\":\"migration\"}")
                .post("/api/approvals/standing").then().statusCode(201)
                .body("calls", equalTo(2)).body("calls_left", equalTo(2)).body("active", equalTo(true))
                .body("created_by", equalTo("dana")).extract().path("id");
        for (int i = 0; i < 2; i++) {
            DecideResponse r = decide("wipe_data", "{}");
            assertEquals(Decision.ALLOW, r.getDecision());
            assertEquals("standing_approval/" + sid, r.getRule());
            assertTrue(r.getReason().contains("dana"), r.getReason());
            assertEquals("", r.getApprovalId());
        }
        held("wipe_data", "{}");
        given().get("/api/approvals/standing/" + sid).then().statusCode(200)
                .body("calls_used", equalTo(2)).body("calls_left", equalTo(0)).body("active", equalTo(false));
        given().get("/api/approvals/standing").then().body("id", hasItem(sid));
    }

    @Test
    void standingApprovalForMinutesIsRevocable() {
        String sid = given().contentType("application/json")
                .body("{\"grant\":\"" + grant + "\",\"tool\":\"transfer_funds\",\"minutes\":30,\"approver\":\"dana\"}")
                .post("/api/approvals/standing").then().statusCode(201).body("expires_at", notNullValue())
                .extract().path("id");
        assertEquals(Decision.ALLOW, decide("transfer_funds", "{\"amount\":1,\"to\":\"x\"}").getDecision());
        given().header("X-Actor", "erin").delete("/api/approvals/standing/" + sid).then().statusCode(204);
        held("transfer_funds", "{\"amount\":1,\"to\":\"x\"}");
        given().get("/api/approvals/standing/" + sid).then().body("revoked_by", equalTo("erin")).body("active", equalTo(false));
        given().get("/api/approvals/standing").then().body("id", not(hasItem(sid)));
        given().queryParam("include_revoked", true).get("/api/approvals/standing").then().body("id", hasItem(sid));

        given().delete("/api/approvals/standing/nope").then().statusCode(404).contentType("application/problem+json");
        given().contentType("application/json").body("{\"grant\":\"no-such-grant\",\"tool\":\"x\",\"calls\":1,\"approver\":\"d\"}")
                .post("/api/approvals/standing").then().statusCode(422).contentType("application/problem+json");
        given().contentType("application/json").body("{\"grant\":\"" + grant + "\",\"tool\":\"x\",\"approver\":\"d\"}")
                .post("/api/approvals/standing").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void eachNewRequestIsPostedToTheWebhookSignedAndRetried() throws Exception {
        ApprovalFixtures.DELIVERIES.clear();
        ApprovalFixtures.FAILURES.set(1); // the first attempt gets a 500: the delivery is retried
        String id = held("transfer_funds", "{\"amount\":42,\"to\":\"secret-account\"}");
        ApprovalFixtures.Delivery d = null;
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            ApprovalFixtures.Delivery next = ApprovalFixtures.DELIVERIES.poll(200, TimeUnit.MILLISECONDS);
            if (next != null && next.text().contains(id)) {
                d = next;
                break;
            }
        }
        assertNotNull(d, "the webhook was delivered");
        assertEquals("approval.requested", d.event());
        assertTrue(WebhookSignature.verify(ApprovalFixtures.SECRET, d.body(), d.signature()), "the receiver verifies the HMAC");
        assertTrue(d.signature().matches("sha256=[0-9a-f]{64}"), d.signature());
        assertFalse(WebhookSignature.verify("wrong-secret", d.body(), d.signature()), "another key does not verify");
        byte[] tampered = d.text().replace("transfer_funds", "transfer_fundz").getBytes(StandardCharsets.UTF_8);
        assertFalse(WebhookSignature.verify(ApprovalFixtures.SECRET, tampered, d.signature()), "a changed body does not verify");
        assertFalse(WebhookSignature.verify(ApprovalFixtures.SECRET, d.body(), "sha256=" + "0".repeat(64)), "a forged signature fails");
        assertTrue(d.text().contains("\"argument_keys\":[\"amount\",\"to\"]"), d.text());
        assertFalse(d.text().contains("secret-account"), "argument values never leave through the webhook");
    }
}
