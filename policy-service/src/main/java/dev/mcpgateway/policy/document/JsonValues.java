package dev.mcpgateway.policy.document;

import com.fasterxml.jackson.databind.JsonNode;

/** Value comparisons shared by conditions; numbers compare numerically, numeric strings count as numbers. */
public final class JsonValues {
    private JsonValues() {
    }

    /** The numeric value of a number or a numeric string; NaN otherwise. */
    public static double number(JsonNode v) {
        if (v == null) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            String s = v.textValue().trim();
            // Bound the length: a numeric string of thousands of digits is not a real argument.
            if (s.isEmpty() || s.length() > 64) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    public static boolean same(JsonNode actual, JsonNode expected) {
        if (expected.isNumber()) {
            double d = number(actual);
            return !Double.isNaN(d) && d == expected.doubleValue();
        }
        if (expected.isTextual() && actual.isNumber()) {
            double d = number(expected);
            return !Double.isNaN(d) && d == actual.doubleValue();
        }
        return actual.equals(expected);
    }

    public static boolean member(JsonNode actual, JsonNode list) {
        for (int i = 0; i < list.size(); i++) {
            if (same(actual, list.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** Substring of a string, element of an array, or field name of an object. */
    public static boolean contains(JsonNode actual, JsonNode expected) {
        if (actual.isTextual()) {
            return expected.isValueNode() && actual.textValue().contains(expected.asText());
        }
        if (actual.isArray()) {
            for (int i = 0; i < actual.size(); i++) {
                JsonNode e = actual.get(i);
                if (e != null && !e.isNull() && same(e, expected)) {
                    return true;
                }
            }
            return false;
        }
        if (actual.isObject()) {
            return expected.isTextual() && actual.has(expected.textValue());
        }
        return false;
    }
}
