package dev.mcpgateway.audit.cli;

/** A failure to report in one plain message (no stack trace) with an exit code. */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
