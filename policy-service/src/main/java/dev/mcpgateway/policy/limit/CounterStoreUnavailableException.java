package dev.mcpgateway.policy.limit;

/** The counter store cannot be reached in time: the call gets "could not decide", never an allow. */
public class CounterStoreUnavailableException extends RuntimeException {
    public CounterStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
