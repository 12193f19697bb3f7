package dev.mcpgateway.demo.mcp;

/** Told about every tools/call; the HTTP service records metrics with it, stdio ignores it. */
@FunctionalInterface
public interface ToolCallListener {

    /** Outcome of one call as seen by the client. */
    enum Outcome { OK, API_ERROR, INVALID_ARGUMENTS, UNKNOWN_TOOL }

    void called(String tool, Outcome outcome, long nanos);

    ToolCallListener NONE = (tool, outcome, nanos) -> { };
}
