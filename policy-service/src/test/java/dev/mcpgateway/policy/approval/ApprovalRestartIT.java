package dev.mcpgateway.policy.approval;

import static dev.mcpgateway.testsupport.Operators.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.ApprovalServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.ApprovalStatus;
import dev.mcpgateway.contracts.policy.v1.ApprovalUpdate;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.PolicyServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.WaitApprovalRequest;
import dev.mcpgateway.testsupport.PackagedService;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Durability across a real restart: the packaged service (target/quarkus-app) is started, a call is
 * held, the process is stopped, a new process starts on the same database, and the pending request is
 * still there to be waited on and approved. Runs in failsafe, after the package phase built the jar.
 */
class ApprovalRestartIT {
    private static final String POLICY = "{\"version\":1,\"default\":\"allow\",\"tools\":{"
            + "\"wipe_data\":{\"action\":\"require_approval\",\"reason\":\"destructive\"}}}";

    @Test
    void aPendingRequestSurvivesARestartAndCanStillBeApproved() throws Exception {
        int[] ports = PackagedService.freePorts(2);
        int port = ports[0];
        int grpcPort = ports[1];
        String id;
        PackagedService first = start(port, grpcPort, "first");
        try {
            String base = "http://127.0.0.1:" + port;
            given().baseUri(base).contentType("application/json").body(POLICY).put("/api/policies/restart-it")
                    .then().statusCode(200);
            String grant = given().baseUri(base).contentType("application/json")
                    .body("{\"name\":\"restart-it\",\"server\":\"bank\",\"policy\":\"restart-it\"}")
                    .post("/api/grants").then().statusCode(201).extract().path("id");
            ManagedChannel channel = channel(grpcPort);
            try {
                DecideResponse r = PolicyServiceGrpc.newBlockingStub(channel).decide(DecideRequest.newBuilder()
                        .setGrantId(grant).setSessionId("s").setServer("bank").setTool("wipe_data")
                        .setArgumentsJson(ByteString.copyFromUtf8("{\"scope\":\"all\"}")).build());
                assertEquals(Decision.APPROVAL_REQUIRED, r.getDecision());
                id = r.getApprovalId();
            } finally {
                channel.shutdownNow();
            }
        } finally {
            first.close();
        }

        PackagedService second = start(port, grpcPort, "second");
        try {
            String base = "http://127.0.0.1:" + port;
            given().baseUri(base).get("/api/approvals/" + id).then().statusCode(200)
                    .body("status", equalTo("pending")).body("arguments.scope", equalTo("all"));
            ManagedChannel channel = channel(grpcPort);
            try {
                ApprovalServiceGrpc.ApprovalServiceBlockingStub approvals = ApprovalServiceGrpc.newBlockingStub(channel);
                CompletableFuture<ApprovalUpdate> waiting = CompletableFuture.supplyAsync(() -> approvals
                        .withDeadlineAfter(30, TimeUnit.SECONDS)
                        .waitApproval(WaitApprovalRequest.newBuilder().setApprovalId(id).setWaitMs(20_000).build()));
                Thread.sleep(300);
                given().baseUri(base).contentType("application/json").body("{\"approver\":\"alice\",\"note\":\"after restart\"}")
                        .post("/api/approvals/" + id + "/approve").then().statusCode(200).body("status", equalTo("approved"));
                ApprovalUpdate u = waiting.get(10, TimeUnit.SECONDS);
                assertEquals(ApprovalStatus.APPROVAL_APPROVED, u.getStatus());
                assertEquals("alice", u.getApprover());
            } finally {
                channel.shutdownNow();
            }
        } finally {
            second.close();
        }
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    private static PackagedService start(int port, int grpcPort, String label) throws IOException, InterruptedException {
        return PackagedService.of("policy-service").port(port).property("quarkus.grpc.server.port", String.valueOf(grpcPort))
                .property("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5432/mcp_policy_test")
                .property("policy.catalog.url", "http://127.0.0.1:1").property("policy.demo-grant.token", "")
                // The packaged jar runs in the prod profile: give it the test operator tokens the requests carry.
                .property("operator.auth.tokens-file", "../test-support/operator-tokens.txt")
                .startReady(label, Duration.ofSeconds(90));
    }
}
