package dev.mcpgateway.policy.document;

import java.util.List;

/** A document was refused; carries every problem found, not just the first. */
public class PolicyInvalidException extends RuntimeException {
    private final List<ValidationError> errors;

    public PolicyInvalidException(String policyId, List<ValidationError> errors) {
        super("Policy '" + policyId + "' is invalid: " + summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }

    private static String summary(List<ValidationError> errors) {
        StringBuilder sb = new StringBuilder();
        for (ValidationError e : errors) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.pointer().isEmpty() ? "(document)" : e.pointer()).append(": ").append(e.message());
        }
        return sb.toString();
    }
}
