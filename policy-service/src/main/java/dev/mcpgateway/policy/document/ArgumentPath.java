package dev.mcpgateway.policy.document;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A path into a call's arguments, written {@code args.a.b} (a numeric segment indexes an array).
 * Segments are split once at load time so that resolving a path allocates nothing.
 */
public final class ArgumentPath {
    private final String text;
    private final String[] segments;

    private ArgumentPath(String text, String[] segments) {
        this.text = text;
        this.segments = segments;
    }

    /** Returns null when {@code text} is not {@code args} followed by non-empty dot-separated segments. */
    public static ArgumentPath parse(String text) {
        if (text == null || !(text.equals("args") || text.startsWith("args."))) {
            return null;
        }
        if (text.equals("args")) {
            return new ArgumentPath(text, new String[0]);
        }
        String[] parts = text.substring(5).split("\\.", -1);
        for (String p : parts) {
            if (p.isEmpty()) {
                return null;
            }
        }
        return new ArgumentPath(text, parts);
    }

    public String text() {
        return text;
    }

    /** The value at this path, or null when it is absent or JSON null. */
    public JsonNode resolve(JsonNode args) {
        JsonNode node = args;
        for (String seg : segments) {
            if (node == null) {
                return null;
            }
            if (node.isObject()) {
                node = node.get(seg);
            } else if (node.isArray()) {
                int idx = index(seg);
                node = idx < 0 ? null : node.get(idx);
            } else {
                return null;
            }
        }
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private static int index(String seg) {
        if (seg.length() > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    @Override
    public String toString() {
        return text;
    }
}
