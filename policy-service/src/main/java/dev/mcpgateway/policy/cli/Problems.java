package dev.mcpgateway.policy.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Renders an RFC 9457 problem+json answer as plain lines, with the errors' JSON pointers. */
final class Problems {
    private Problems() {
    }

    static String describe(int status, JsonNode problem, String raw) {
        if (problem == null || !problem.isObject()) {
            String text = raw == null ? "" : raw.strip();
            return "policy-service answered " + status + (text.isEmpty() ? "" : ": " + abbreviate(text));
        }
        StringBuilder sb = new StringBuilder().append(status).append(' ').append(problem.path("title").asText("Error"));
        if (problem.hasNonNull("detail")) {
            sb.append(": ").append(problem.get("detail").asText());
        }
        for (JsonNode e : problem.path("errors")) {
            String ptr = e.path("pointer").asText("");
            sb.append("\n  ").append(ptr.isEmpty() ? "(document)" : ptr).append(": ").append(e.path("message").asText());
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }
}
