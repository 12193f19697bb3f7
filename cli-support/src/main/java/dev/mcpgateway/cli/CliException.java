package dev.mcpgateway.cli;

/** A failure to report in one plain line (no stack trace) with an exit code. */
public class CliException extends RuntimeException {
    /** Exit codes shared by the gateway's command-line tools. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_UNREACHABLE = 2;
    public static final int EXIT_USAGE = 64;

    private final int exitCode;

    public CliException(String message) {
        this(message, EXIT_FAILED);
    }

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
