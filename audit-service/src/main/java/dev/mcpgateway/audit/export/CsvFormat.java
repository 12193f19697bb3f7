package dev.mcpgateway.audit.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV, one row per event, in the field order of DecisionEventV1. */
final class CsvFormat {

    static final String HEADER = String.join(",", "eventVersion", "decisionId", "timestamp", "traceId", "grantId",
            "grantName", "sessionId", "server", "tool", "toolRisk", "toolCategory", "decision", "enforced", "reason",
            "rule", "policyId", "policyVersion", "limitRemaining", "retryAfterMs", "argumentKeys", "arguments",
            "maskedPaths", "upstreamOutcome", "upstreamLatencyMs", "totalLatencyMs") + "\r\n";

    private CsvFormat() {
    }

    static String row(DecisionEventV1 e, ObjectMapper json) {
        List<String> cells = new ArrayList<>(25);
        cells.add(Integer.toString(e.eventVersion()));
        cells.add(text(e.decisionId()));
        cells.add(e.timestamp().toString());
        cells.add(text(e.traceId()));
        cells.add(text(e.grantId()));
        cells.add(text(e.grantName()));
        cells.add(text(e.sessionId()));
        cells.add(text(e.server()));
        cells.add(text(e.tool()));
        cells.add(text(e.toolRisk()));
        cells.add(text(e.toolCategory()));
        cells.add(e.decision().name());
        cells.add(Boolean.toString(e.enforced()));
        cells.add(text(e.reason()));
        cells.add(text(e.rule()));
        cells.add(text(e.policyId()));
        cells.add(number(e.policyVersion()));
        cells.add(number(e.limitRemaining()));
        cells.add(number(e.retryAfterMs()));
        cells.add(text(toJson(e.argumentKeys(), json)));
        cells.add(text(e.arguments() == null ? null : toJson(e.arguments(), json)));
        cells.add(text(toJson(e.maskedPaths(), json)));
        cells.add(e.upstreamOutcome().name());
        cells.add(number(e.upstreamLatencyMs()));
        cells.add(Long.toString(e.totalLatencyMs()));
        return String.join(",", cells) + "\r\n";
    }

    /**
     * Quotes when needed, and defuses spreadsheet formulas: agents write reasons and arguments, and a
     * cell starting with = + - @ would run as a formula when an operator opens the export.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || !v.equals(value)) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static String number(Long value) {
        return value == null ? "" : value.toString();
    }

    private static String toJson(Object value, ObjectMapper json) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
