package dev.mcpgateway.cli;

/** The command line itself is wrong: print the message and the usage, exit 64 (EX_USAGE). */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
