package dev.mcpgateway.demo.account;

/**
 * A SmartLead API error (unknown id, conflicting state). The original turns these into an ordinary
 * tool result whose text starts with "❌", not into a JSON-RPC error, and so does the stand-in.
 */
public class ApiFailure extends RuntimeException {

    private final int status;

    public ApiFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ApiFailure notFound(String kind, long id) {
        return new ApiFailure(404, kind + " " + id + " not found");
    }

    public int status() {
        return status;
    }
}
