package dev.mcpgateway.policy.api;

import dev.mcpgateway.policy.document.ValidationError;
import java.util.List;

/** An error that becomes an application/problem+json response. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<ValidationError> errors;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ProblemException(int status, String title, String detail, List<ValidationError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
