package dev.mcpgateway.policy.approval;

import static dev.mcpgateway.testsupport.Operators.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.ApprovalServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.ApprovalStatus;
import dev.mcpgateway.contracts.policy.v1.ApprovalUpdate;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.PolicyServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.WaitApprovalRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        int port = freePort();
        String id;
        Process first = start(port);
        try {
            String base = "http://127.0.0.1:" + port;
            given().baseUri(base).contentType("application/json").body(POLICY).put("/api/policies/restart-it")
                    .then().statusCode(200);
            String grant = given().baseUri(base).contentType("application/json")
                    .body("{\"name\":\"restart-it\",\"server\":\"bank\",\"policy\":\"restart-it\"}")
                    .post("/api/grants").then().statusCode(201).extract().path("id");
            ManagedChannel channel = channel(port);
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
            stop(first);
        }

        Process second = start(port);
        try {
            String base = "http://127.0.0.1:" + port;
            given().baseUri(base).get("/api/approvals/" + id).then().statusCode(200)
                    .body("status", equalTo("pending")).body("arguments.scope", equalTo("all"));
            ManagedChannel channel = channel(port);
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
            stop(second);
        }
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    private static Process start(int port) throws IOException, InterruptedException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), "the package phase builds " + jar);
        File log = Files.createTempFile("policy-restart-it", ".log").toFile();
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/mcp_policy_test",
                "-Dpolicy.catalog.url=http://127.0.0.1:1", "-Dpolicy.demo-grant.token=",
                // The packaged jar runs in the prod profile: give it the test operator tokens the requests carry.
                "-Doperator.auth.tokens-file=../test-support/operator-tokens.txt",
                "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(log).start();
        long until = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < until) {
            if (!p.isAlive()) {
                throw new AssertionError("policy-service exited at start:\n" + Files.readString(log.toPath()));
            }
            try {
                if (given().baseUri("http://127.0.0.1:" + port).get("/q/health/ready").statusCode() == 200) {
                    return p;
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        p.destroyForcibly();
        throw new AssertionError("policy-service did not get ready:\n" + Files.readString(log.toPath()));
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy(); // SIGTERM: a normal shutdown
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
