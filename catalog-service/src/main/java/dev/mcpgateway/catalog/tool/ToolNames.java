package dev.mcpgateway.catalog.tool;

import dev.mcpgateway.support.problem.ApiProblem;
import java.util.regex.Pattern;

/** Validates server and tool names taken from paths and reports before they reach a query or a row. */
public final class ToolNames {

    /** MCP tool names: 1–128 of letters, digits, '_', '-', '.' (the spec's guidance; also keeps every tool addressable in a path). */
    private static final Pattern TOOL = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");
    private static final Pattern SERVER = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    private ToolNames() {
    }

    public static String server(String value) {
        if (value == null || !SERVER.matcher(value).matches()) {
            throw ApiProblem.badRequest("'server' must be 1-64 letters, digits, '_', '-' or '.'");
        }
        return value;
    }

    public static boolean isValidTool(String value) {
        return value != null && TOOL.matcher(value).matches();
    }

    public static String tool(String value) {
        if (!isValidTool(value)) {
            throw ApiProblem.badRequest("'name' must be 1-128 letters, digits, '_', '-' or '.'");
        }
        return value;
    }
}
