package dev.mcpgateway.policy.decision;

import io.grpc.Status;

/**
 * A request that gets no decision. The kinds are the contract's error codes: the proxy fails
 * closed on each of them and tells the agent the gateway could not decide.
 */
public class DecisionException extends RuntimeException {
    public enum Kind {
        /** No policy bound to the grant (or no such grant): "could not decide". */
        FAILED_PRECONDITION(Status.Code.FAILED_PRECONDITION),
        /** A store the decision needs is unreachable. */
        UNAVAILABLE(Status.Code.UNAVAILABLE),
        /** Malformed request. */
        INVALID_ARGUMENT(Status.Code.INVALID_ARGUMENT);

        private final Status.Code code;

        Kind(Status.Code code) {
            this.code = code;
        }

        public Status.Code code() {
            return code;
        }
    }

    private final Kind kind;

    public DecisionException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public io.grpc.StatusRuntimeException toStatus() {
        return Status.fromCode(kind.code()).withDescription(getMessage()).asRuntimeException();
    }
}
