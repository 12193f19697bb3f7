package dev.mcpgateway.support.problem;

import java.util.List;

/**
 * A client-facing error of an operator REST API, rendered as RFC 9457 problem+json by {@link ProblemMapper}: the
 * one error type of policy-, catalog- and audit-service. {@code errors} (rendered only when not empty) lists every
 * problem at once where there are several, e.g. each invalid field of a policy document with its JSON pointer.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final List<?> errors;

    public ApiProblem(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ApiProblem(int status, String title, String detail, List<?> errors) {
        super(detail, null, false, false); // an answer to the client, not a bug: no stack trace to fill in
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad Request", detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not Found", detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<?> errors() {
        return errors;
    }
}
