package dev.mcpgateway.policy.intercept;

import java.util.List;

/** The file is not a valid Intercept policy: every problem found, and nothing imported. */
public class InterceptFormatException extends RuntimeException {
    private final List<String> problems;

    public InterceptFormatException(List<String> problems) {
        super("not a valid Intercept policy: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
