package dev.mcpgateway.catalog.definition;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical JSON text: object keys sorted (by UTF-16 code units, as RFC 8785), no insignificant whitespace,
 * numbers in one form ({@code 1}, {@code 1.0} and {@code 1e0} are the same number). Two definitions that
 * differ only in key order, spacing or number spelling produce the same text, hence the same hash.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static String write(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        append(node, out);
        return out.toString();
    }

    private static void append(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null); // String.compareTo orders by UTF-16 code units
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendString(keys.get(i), out);
                out.append(':');
                append(node.get(keys.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            Iterator<JsonNode> it = node.elements();
            boolean first = true;
            while (it.hasNext()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                append(it.next(), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            appendString(node.textValue(), out);
        } else if (node.isNumber()) {
            out.append(number(node));
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else {
            // Binary or POJO nodes never come from parsed JSON; their text form is the safest stable choice.
            appendString(node.asText(), out);
        }
    }

    private static String number(JsonNode node) {
        BigDecimal value = node.isBigDecimal() || node.isFloatingPointNumber()
                ? new BigDecimal(node.asText())
                : new BigDecimal(node.bigIntegerValue());
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigIntegerExact().toString() : stripped.toPlainString();
    }

    private static void appendString(String s, StringBuilder out) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, out);
        out.append('"');
    }
}
