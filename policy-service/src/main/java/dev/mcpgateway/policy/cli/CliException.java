package dev.mcpgateway.policy.cli;

/** A failure to report in one plain line (no stack trace) with an exit code. */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message) {
        this(message, PolicyCli.EXIT_FAILED);
    }

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
