package dev.mcpgateway.proxy.testing;

import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.FilterToolsRequest;
import dev.mcpgateway.contracts.policy.v1.FilterToolsResponse;
import dev.mcpgateway.contracts.policy.v1.GrantServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.PolicyServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.ResolveGrantRequest;
import dev.mcpgateway.contracts.policy.v1.ResolveGrantResponse;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.contracts.policy.v1.SettleResponse;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * policy-service as the proto describes it, scripted by tool and token names, on a real gRPC server
 * (random port) so the proxy's real gRPC client is exercised.
 */
public final class FakePolicyService {

    public static final String TOKEN = "good-token";
    public static final String TOKEN_OTHER_SERVER = "other-server-token";
    public static final String TOKEN_POLICY_DOWN = "policy-down-token";

    public static final List<DecideRequest> DECIDES = new CopyOnWriteArrayList<>();
    public static final List<SettleRequest> SETTLES = new CopyOnWriteArrayList<>();
    /**
     * Decision ids are unique across test runs, as policy-service's are: the audit log stores each decision id once
     * (ON CONFLICT DO NOTHING), so ids repeated by a later run against the same database were silently not stored.
     */
    private static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);

    private Server server;

    public int start() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new Policy()).addService(new Grants()).addService(new FakeApprovalService()).build().start();
        return server.getPort();
    }

    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }

    static final class Grants extends GrantServiceGrpc.GrantServiceImplBase {
        @Override
        public void resolveGrant(ResolveGrantRequest request, StreamObserver<ResolveGrantResponse> out) {
            switch (request.getToken()) {
                case TOKEN -> ok(out, ResolveGrantResponse.newBuilder().setGrantId("grant-1").setGrantName("demo")
                        .setServer("").setPolicyId("policy-1").build());
                case TOKEN_OTHER_SERVER -> ok(out, ResolveGrantResponse.newBuilder().setGrantId("grant-2")
                        .setGrantName("other").setServer("elsewhere").build());
                case TOKEN_POLICY_DOWN -> out.onError(Status.UNAVAILABLE.withDescription("store down").asRuntimeException());
                default -> out.onError(Status.UNAUTHENTICATED.withDescription("no such grant").asRuntimeException());
            }
        }
    }

    static final class Policy extends PolicyServiceGrpc.PolicyServiceImplBase {
        @Override
        public void decide(DecideRequest request, StreamObserver<DecideResponse> out) {
            DECIDES.add(request);
            DecideResponse.Builder r = DecideResponse.newBuilder()
                    .setDecisionId("d-" + RUN + "-" + DECIDES.size()).setPolicyId("policy-1").setPolicyVersion(3)
                    .setEnforced(true).setLimitRemaining(-1).setToolRisk("low").setToolCategory("read")
                    // As if a limit had reserved quota for every call, so each is settled; unreserved_tool reserves nothing.
                    .setSkipSettle(false);
            switch (request.getTool()) {
                case "denied_tool" -> r.setDecision(Decision.DENY).setReason("not allowed by the policy").setRule("/default");
                case "limited_tool" -> r.setDecision(Decision.RATE_LIMITED).setReason("limit of 10 calls per minute reached")
                        .setRule("/tools/limited_tool/limits/0").setLimitRemaining(0).setRetryAfterMs(12_000);
                case "approval_tool" -> r.setDecision(Decision.APPROVAL_REQUIRED).setReason("critical tool").setRule("/risk/critical");
                case "held_tool" -> {
                    // An approval request stored by policy-service: the proxy holds the call (FakeApprovalService).
                    long expires = System.currentTimeMillis() + 300_000;
                    r.setDecision(Decision.APPROVAL_REQUIRED).setReason("moves money").setRule("/tools/held_tool/action")
                            .setApprovalId(r.getDecisionId()).setApprovalExpiresAtMs(expires);
                    FakeApprovalService.open(r.getDecisionId(), expires, request.getSessionId(), request.getRequestId());
                }
                // A call no limit applies to: nothing reserved, so the proxy sends no Settle.
                case "unreserved_tool" -> r.setDecision(Decision.ALLOW).setRule("/tools/unreserved_tool").setSkipSettle(true);
                // A policy with strict_arguments: the proxy refuses arguments the tool's schema does not declare.
                case "open_tool" -> r.setDecision(Decision.ALLOW).setRule("/tools/open_tool").setStrictArguments(true);
                case "undecidable_tool" -> {
                    out.onError(Status.FAILED_PRECONDITION.withDescription("no policy bound to the grant").asRuntimeException());
                    return;
                }
                default -> r.setDecision(Decision.ALLOW).setRule("/tools/" + request.getTool())
                        .addAuditArgumentValues("args.campaign_id").addAuditArgumentValues("args.api_key");
            }
            ok(out, r.build());
        }

        @Override
        public void settle(SettleRequest request, StreamObserver<SettleResponse> out) {
            SETTLES.add(request);
            ok(out, SettleResponse.getDefaultInstance());
        }

        @Override
        public void filterTools(FilterToolsRequest request, StreamObserver<FilterToolsResponse> out) {
            FilterToolsResponse.Builder r = FilterToolsResponse.newBuilder();
            request.getToolsList().stream().filter(t -> !t.startsWith("hidden")).forEach(r::addVisible);
            ok(out, r.build());
        }
    }

    private static <T> void ok(StreamObserver<T> out, T value) {
        out.onNext(value);
        out.onCompleted();
    }
}
