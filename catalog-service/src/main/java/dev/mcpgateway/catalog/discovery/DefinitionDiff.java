package dev.mcpgateway.catalog.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** JSON pointers where two definitions differ, so a reviewer sees what a rug pull touched. */
public final class DefinitionDiff {

    /** Enough to review; a definition rewritten wholesale is obvious long before this many paths. */
    static final int MAX_PATHS = 100;

    private DefinitionDiff() {
    }

    public static List<String> paths(JsonNode before, JsonNode after) {
        List<String> out = new ArrayList<>();
        walk("", before, after, out);
        return out;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<String> out) {
        if (out.size() >= MAX_PATHS) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                walk(path + "/" + k.replace("~", "~0").replace("/", "~1"), a.get(k), b.get(k), out);
            }
        } else if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            Iterator<JsonNode> ia = a.elements();
            Iterator<JsonNode> ib = b.elements();
            for (int i = 0; ia.hasNext(); i++) {
                walk(path + "/" + i, ia.next(), ib.next(), out);
            }
        } else if (a == null || b == null || !a.equals(b)) {
            out.add(path.isEmpty() ? "/" : path);
        }
    }
}
