package dev.mcpgateway.audit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A compact, fixed-width view of audit events for a terminal: time (UTC), decision, tool, grant,
 * reason. Columns are as wide as their widest value, within caps; the reason is cut to fit.
 */
final class EventTable {
    static final String[] HEADER = {"TIME (UTC)", "DECISION", "TOOL", "GRANT", "REASON"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int MAX_TOOL = 40;
    private static final int MAX_GRANT = 24;
    static final int MAX_REASON = 90;

    private EventTable() {
    }

    /** The header line and one line per event, in the given order. */
    static String render(List<JsonNode> events, boolean header) {
        int[] w = {19, HEADER[1].length(), HEADER[2].length(), HEADER[3].length()};
        for (JsonNode e : events) {
            w[1] = Math.max(w[1], decision(e).length());
            w[2] = Math.min(MAX_TOOL, Math.max(w[2], e.path("tool").asText("").length()));
            w[3] = Math.min(MAX_GRANT, Math.max(w[3], grant(e).length()));
        }
        StringBuilder sb = new StringBuilder();
        if (header) {
            line(sb, w, HEADER[0], HEADER[1], HEADER[2], HEADER[3], HEADER[4]);
        }
        for (JsonNode e : events) {
            line(sb, w, time(e), decision(e), e.path("tool").asText(""), grant(e), reason(e));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, int[] w, String time, String decision, String tool, String grant,
                             String reason) {
        sb.append(pad(time, w[0])).append("  ").append(pad(decision, w[1])).append("  ").append(pad(tool, w[2]))
                .append("  ").append(pad(grant, w[3])).append("  ").append(cut(reason, MAX_REASON));
        // No trailing blanks when the reason is empty.
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }

    static String time(JsonNode e) {
        JsonNode t = e.path("timestamp");
        try {
            if (t.isNumber()) {
                // Jackson may write an Instant as epoch seconds with a fraction.
                return TIME.format(Instant.ofEpochMilli((long) (t.doubleValue() * 1000)));
            }
            return TIME.format(Instant.parse(t.asText()));
        } catch (DateTimeParseException | IllegalArgumentException x) {
            return t.asText("");
        }
    }

    /** The decision, marked when the policy only monitored (the call went through anyway). */
    static String decision(JsonNode e) {
        String d = e.path("decision").asText("");
        return e.path("enforced").asBoolean(true) ? d : d + " (monitor)";
    }

    static String grant(JsonNode e) {
        String name = e.path("grantName").asText("");
        return !name.isEmpty() ? name : e.path("grantId").asText("-");
    }

    static String reason(JsonNode e) {
        String r = e.path("reason").asText("");
        return r.replace('\n', ' ').replace('\r', ' ');
    }

    static String pad(String s, int width) {
        String c = cut(s, width);
        return c.length() >= width ? c : c + " ".repeat(width - c.length());
    }

    static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, Math.max(0, width - 1)) + "…";
    }
}
