package dev.mcpgateway.proxy.testing;

import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.ApprovalServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.ApprovalStatus;
import dev.mcpgateway.contracts.policy.v1.ApprovalUpdate;
import dev.mcpgateway.contracts.policy.v1.WaitApprovalRequest;
import dev.mcpgateway.contracts.policy.v1.WithdrawApprovalRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * policy-service's ApprovalService as the proto describes it: requests opened by the fake Decide
 * ({@code held_tool}), long polls answered when a test approves, rejects or expires a request (or
 * after {@code wait_ms} with APPROVAL_PENDING), withdrawals recorded in {@link #WITHDRAWALS}.
 */
public final class FakeApprovalService extends ApprovalServiceGrpc.ApprovalServiceImplBase {

    public static final List<WithdrawApprovalRequest> WITHDRAWALS = new CopyOnWriteArrayList<>();
    private static final Map<String, ApprovalUpdate> REQUESTS = new ConcurrentHashMap<>();
    private static final Map<String, List<StreamObserver<ApprovalUpdate>>> WAITING = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-approvals");
        t.setDaemon(true);
        return t;
    });

    /** Pending request ids by session and JSON-RPC id (JSON text), as policy-service stores them. */
    private static final Map<String, String> BY_CALL = new ConcurrentHashMap<>();

    static void open(String id, long expiresAtMs, String sessionId, String requestId) {
        BY_CALL.put(sessionId + ' ' + requestId, id);
        open(id, expiresAtMs);
    }

    static void open(String id, long expiresAtMs) {
        REQUESTS.put(id, ApprovalUpdate.newBuilder().setApprovalId(id).setStatus(ApprovalStatus.APPROVAL_PENDING)
                .setCreatedAtMs(System.currentTimeMillis()).setExpiresAtMs(expiresAtMs).build());
    }

    /** Ids of requests still pending, oldest first is not guaranteed. */
    public static List<String> pending() {
        return REQUESTS.values().stream().filter(u -> u.getStatus() == ApprovalStatus.APPROVAL_PENDING)
                .map(ApprovalUpdate::getApprovalId).toList();
    }

    public static ApprovalStatus status(String id) {
        return REQUESTS.get(id).getStatus();
    }

    public static void approve(String id, String approver, String note, String editedArgumentsJson, String... editedKeys) {
        ApprovalUpdate.Builder b = decided(id, ApprovalStatus.APPROVAL_APPROVED).setApprover(approver).setReason(note);
        if (editedArgumentsJson != null) {
            b.setArgumentsJson(ByteString.copyFromUtf8(editedArgumentsJson)).addAllEditedKeys(List.of(editedKeys));
        }
        change(b.build());
    }

    public static void reject(String id, String approver, String reason) {
        change(decided(id, ApprovalStatus.APPROVAL_REJECTED).setApprover(approver).setReason(reason).build());
    }

    public static void expire(String id) {
        change(decided(id, ApprovalStatus.APPROVAL_EXPIRED).setReason("approval expired").build());
    }

    private static ApprovalUpdate.Builder decided(String id, ApprovalStatus status) {
        return REQUESTS.get(id).toBuilder().setStatus(status).setDecidedAtMs(System.currentTimeMillis());
    }

    private static void change(ApprovalUpdate u) {
        REQUESTS.put(u.getApprovalId(), u);
        List<StreamObserver<ApprovalUpdate>> waiters = WAITING.remove(u.getApprovalId());
        if (waiters != null) {
            waiters.forEach(w -> answer(w, u));
        }
    }

    @Override
    public void waitApproval(WaitApprovalRequest request, StreamObserver<ApprovalUpdate> out) {
        ApprovalUpdate u = REQUESTS.get(request.getApprovalId());
        if (u == null) {
            out.onError(Status.NOT_FOUND.withDescription("no approval request").asRuntimeException());
            return;
        }
        if (u.getStatus() != ApprovalStatus.APPROVAL_PENDING) {
            answer(out, u);
            return;
        }
        WAITING.computeIfAbsent(request.getApprovalId(), k -> new CopyOnWriteArrayList<>()).add(out);
        TIMER.schedule(() -> {
            List<StreamObserver<ApprovalUpdate>> waiters = WAITING.get(request.getApprovalId());
            if (waiters != null && waiters.remove(out)) {
                answer(out, REQUESTS.get(request.getApprovalId()));
            }
        }, request.getWaitMs(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void withdrawApproval(WithdrawApprovalRequest request, StreamObserver<ApprovalUpdate> out) {
        WITHDRAWALS.add(request);
        if (request.getApprovalId().isEmpty()) {
            String id = BY_CALL.get(request.getSessionId() + ' ' + request.getRequestId());
            ApprovalUpdate pending = id == null ? null : REQUESTS.get(id);
            if (pending == null || pending.getStatus() != ApprovalStatus.APPROVAL_PENDING) {
                out.onError(Status.NOT_FOUND.withDescription("no pending approval request for the call").asRuntimeException());
                return;
            }
            request = request.toBuilder().setApprovalId(id).build();
        }
        ApprovalUpdate u = REQUESTS.get(request.getApprovalId());
        if (u == null) {
            out.onError(Status.NOT_FOUND.withDescription("no approval request").asRuntimeException());
            return;
        }
        if (u.getStatus() == ApprovalStatus.APPROVAL_PENDING) {
            change(decided(request.getApprovalId(), ApprovalStatus.APPROVAL_WITHDRAWN).setReason(request.getReason()).build());
        }
        answer(out, REQUESTS.get(request.getApprovalId()));
    }

    private static void answer(StreamObserver<ApprovalUpdate> out, ApprovalUpdate u) {
        try {
            out.onNext(u);
            out.onCompleted();
        } catch (RuntimeException e) {
            // the caller went away (cancelled long poll): nothing to answer
        }
    }
}
