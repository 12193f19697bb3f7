package dev.mcpgateway.policy.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.FilterToolsRequest;
import dev.mcpgateway.contracts.policy.v1.GrantServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.Outcome;
import dev.mcpgateway.contracts.policy.v1.PolicyServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.ResolveGrantRequest;
import dev.mcpgateway.contracts.policy.v1.ResolveGrantResponse;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.policy.grant.Grant;
import dev.mcpgateway.policy.grant.GrantRegistry;
import dev.mcpgateway.policy.grant.TokenHash;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static dev.mcpgateway.testsupport.Operators.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * The gRPC contract through a real client over the gRPC port: ResolveGrant, Decide, Settle,
 * FilterTools, the 11th-call refusal and "could not decide"; and the server's bound on streams per connection.
 */
@QuarkusTest
class PolicyGrpcServiceIT {
    private static final String TOOL = "smartlead_retrigger_failed_events";

    @GrpcClient("policy")
    PolicyServiceGrpc.PolicyServiceBlockingStub policy;

    @GrpcClient("grants")
    GrantServiceGrpc.GrantServiceBlockingStub grantService;

    @Inject
    GrantRegistry grants;

    /** A fresh grant per test keeps its per-grant counter to itself. */
    private String freshGrant(String policyId) {
        String id = "g-" + UUID.randomUUID();
        grants.put(new Grant(id, id, "smartlead", policyId, TokenHash.of(id + "-token")));
        return id;
    }

    private static DecideRequest call(String grant, String tool) {
        return DecideRequest.newBuilder().setGrantId(grant).setSessionId("session-1").setServer("smartlead")
                .setTool(tool).setArgumentsJson(ByteString.copyFromUtf8("{\"campaign_id\":42}")).build();
    }

    /**
     * The gRPC server announces policy.max-concurrent-calls-per-connection (100) as its HTTP/2 MAX_CONCURRENT_STREAMS:
     * read from the server's first SETTINGS frame on a bare connection (no gRPC client shows it).
     */
    @Test
    void theGrpcServerCapsStreamsPerConnection() throws IOException {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 0x4, 0, 0, 0, 0, 0}); // our SETTINGS: empty
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            Long maxStreams = null;
            for (int frame = 0; frame < 10 && maxStreams == null; frame++) {
                int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                in.readInt(); // stream id
                byte[] payload = in.readNBytes(length);
                if (type == 0x4 && (flags & 0x1) == 0) { // SETTINGS, not an ACK: 6-byte entries
                    for (int i = 0; i + 6 <= payload.length; i += 6) {
                        int id = ((payload[i] & 0xff) << 8) | (payload[i + 1] & 0xff);
                        long value = ((payload[i + 2] & 0xffL) << 24) | ((payload[i + 3] & 0xffL) << 16)
                                | ((payload[i + 4] & 0xffL) << 8) | (payload[i + 5] & 0xffL);
                        if (id == 0x3) {
                            maxStreams = value;
                        }
                    }
                }
            }
            assertEquals(100L, maxStreams, "SETTINGS_MAX_CONCURRENT_STREAMS of the gRPC server");
        }
    }

    @Test
    void resolvesTheDemoGrantAndRefusesUnknownTokens() {
        ResolveGrantResponse r = grantService.resolveGrant(ResolveGrantRequest.newBuilder().setToken("test-demo-token").build());
        assertEquals("demo", r.getGrantId());
        assertEquals("demo", r.getGrantName());
        assertEquals("smartlead", r.getServer());
        assertEquals("smartlead-example", r.getPolicyId());

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> grantService.resolveGrant(ResolveGrantRequest.newBuilder().setToken("wrong").build()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void tenCallsPassTheEleventhIsRateLimitedAndSettleGivesBack() throws InterruptedException {
        awayFromMinuteBoundary();
        String grant = freshGrant("smartlead-example");
        String lastId = null;
        for (int i = 1; i <= 10; i++) {
            DecideResponse r = policy.decide(call(grant, TOOL));
            assertEquals(Decision.ALLOW, r.getDecision(), "call " + i);
            assertEquals(10 - i, r.getLimitRemaining());
            assertEquals("smartlead-example", r.getPolicyId());
            assertEquals(1, r.getPolicyVersion());
            assertTrue(r.getEnforced());
            assertEquals("", r.getToolRisk(), "catalog unreachable in tests: facts stay empty");
            assertFalse(r.getSkipSettle(), "quota reserved: the proxy must settle this decision");
            lastId = r.getDecisionId();
            if (i < 10) {
                policy.settle(SettleRequest.newBuilder().setDecisionId(r.getDecisionId())
                        .setOutcome(Outcome.UPSTREAM_OK).setUpstreamLatencyMs(3).build());
            }
        }
        DecideResponse eleventh = policy.decide(call(grant, TOOL));
        assertEquals(Decision.RATE_LIMITED, eleventh.getDecision());
        assertEquals("/tools/smartlead_retrigger_failed_events/limits/0", eleventh.getRule());
        assertEquals(0, eleventh.getLimitRemaining());
        assertTrue(eleventh.getRetryAfterMs() > 0 && eleventh.getRetryAfterMs() <= 60_000);
        assertTrue(eleventh.getReason().startsWith(
                "Rate limit 'smartlead_retrigger_failed_events_rate' reached: 10 calls per minute per grant. Retry in "),
                eleventh.getReason());

        // The 10th call failed upstream: its quota comes back and one more call passes.
        policy.settle(SettleRequest.newBuilder().setDecisionId(lastId).setOutcome(Outcome.UPSTREAM_ERROR).build());
        DecideResponse again = policy.decide(call(grant, TOOL));
        assertEquals(Decision.ALLOW, again.getDecision());
        assertEquals(0, again.getLimitRemaining());
    }

    @Test
    void otherToolsAreDeniedByTheDefault() {
        DecideResponse r = policy.decide(call(freshGrant("smartlead-example"), "smartlead_delete_campaign"));
        assertEquals(Decision.DENY, r.getDecision());
        assertEquals("/default", r.getRule());
        assertEquals("Tool 'smartlead_delete_campaign' is not allowed by policy 'smartlead-example' (default: deny).",
                r.getReason());
        assertEquals(36, r.getDecisionId().length());
        assertEquals('7', r.getDecisionId().charAt(14), "UUIDv7");
    }

    /** A Decide is timed once, by its gRPC metric; the HTTP server metrics leave the gRPC paths out. */
    @Test
    void aDecideIsMeasuredAsAGrpcCallNotAsAnHttpRequest() {
        policy.decide(call(freshGrant("smartlead-example"), "smartlead_delete_campaign"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("grpc_server_processing_duration_seconds_count{method=\"Decide\""))
                .body(not(containsString("uri=\"/mcpgateway.policy.v1")));
    }

    @Test
    void aGrantWhosePolicyIsNotLoadedCannotBeDecided() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> policy.decide(call(freshGrant("not-loaded"), TOOL)));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("could not decide"), e.getStatus().getDescription());
    }

    @Test
    void malformedRequestsAreInvalidArguments() {
        DecideRequest notAnObject = call(freshGrant("smartlead-example"), TOOL).toBuilder()
                .setArgumentsJson(ByteString.copyFromUtf8("[1]")).build();
        assertEquals(Status.Code.INVALID_ARGUMENT,
                assertThrows(StatusRuntimeException.class, () -> policy.decide(notAnObject)).getStatus().getCode());
        assertEquals(Status.Code.INVALID_ARGUMENT, assertThrows(StatusRuntimeException.class,
                () -> policy.settle(SettleRequest.newBuilder().setOutcome(Outcome.UPSTREAM_OK).build())).getStatus().getCode());
    }

    @Test
    void filterToolsKeepsEverythingTheExamplePolicyDoesNotHide() {
        List<String> tools = List.of(TOOL, "smartlead_delete_campaign", "smartlead_list_campaigns");
        List<String> visible = policy.filterTools(FilterToolsRequest.newBuilder().setGrantId("demo")
                .setServer("smartlead").addAllTools(tools).build()).getVisibleList();
        assertEquals(tools, visible);
    }

    /** The 10-then-refused sequence must fit in one calendar minute. */
    private static void awayFromMinuteBoundary() throws InterruptedException {
        long msIntoMinute = Instant.now().toEpochMilli() % 60_000;
        if (msIntoMinute > 50_000) {
            Thread.sleep(60_000 - msIntoMinute + 50);
        }
    }
}
