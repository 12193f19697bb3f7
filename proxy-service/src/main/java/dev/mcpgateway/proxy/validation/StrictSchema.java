package dev.mcpgateway.proxy.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The strict variant of an input schema, for a policy with {@code strict_arguments: true}: every object the schema
 * describes refuses properties it does not declare, even where the schema leaves {@code additionalProperties} open.
 * <ul>
 *   <li>Tightened: the root (the tool's arguments object, even without {@code properties}: a tool that declares no
 *       parameters takes none) and every object schema with {@code properties} or {@code patternProperties}, whose
 *       {@code additionalProperties} is absent or {@code true}.</li>
 *   <li>Left alone: {@code additionalProperties: false} or a schema (extras the schema does describe, e.g. a map of
 *       headers), objects without declared properties below the root (free-form values), a node with a
 *       {@code $ref} (in 2020-12 its siblings apply next to the referenced schema, which is tightened itself).</li>
 *   <li>Composition: the properties declared directly in {@code allOf}/{@code anyOf}/{@code oneOf} branches (and
 *       {@code if}/{@code then}/{@code else}, {@code dependentSchemas}) count as declared by the node that holds
 *       them, and those branches are not tightened themselves (each would refuse its siblings' properties).</li>
 * </ul>
 * The original schema node is never modified.
 */
final class StrictSchema {

    private static final List<String> SINGLE = List.of("additionalItems", "contains", "not",
            "unevaluatedItems", "propertyNames", "additionalProperties", "unevaluatedProperties");
    private static final List<String> MAPS = List.of("properties", "patternProperties", "$defs", "definitions");
    private static final List<String> LISTS = List.of("prefixItems");
    /** Subschemas that layer on the node that holds them: their properties are the node's. */
    private static final List<String> LAYERED_LISTS = List.of("allOf", "anyOf", "oneOf");
    private static final List<String> LAYERED_SINGLE = List.of("if", "then", "else");

    private StrictSchema() {
    }

    static JsonNode of(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        tighten(copy, true, true);
        return copy;
    }

    private static void tighten(JsonNode node, boolean root, boolean here) {
        if (!(node instanceof ObjectNode o)) {
            return;
        }
        for (String k : SINGLE) {
            each(o.get(k), n -> tighten(n, false, true), false);
        }
        each(o.get("items"), n -> tighten(n, false, true), true);
        for (String k : MAPS) {
            values(o.get(k), n -> tighten(n, false, true));
        }
        for (String k : LISTS) {
            each(o.get(k), n -> tighten(n, false, true), true);
        }
        for (String k : LAYERED_LISTS) {
            each(o.get(k), n -> tighten(n, false, false), true);
        }
        for (String k : LAYERED_SINGLE) {
            each(o.get(k), n -> tighten(n, false, false), false);
        }
        values(o.get("dependentSchemas"), n -> tighten(n, false, false));
        if (!here || o.has("$ref") || o.has("$dynamicRef")) {
            return;
        }
        if (!root && !o.has("properties") && !o.has("patternProperties")) {
            return;
        }
        JsonNode extra = o.get("additionalProperties");
        if (extra != null && !(extra.isBoolean() && extra.booleanValue())) {
            return;
        }
        ObjectNode declared = o.get("properties") instanceof ObjectNode p ? p : null;
        for (JsonNode layer : layers(o)) {
            if (layer.get("properties") instanceof ObjectNode p) {
                if (declared == null) {
                    declared = o.putObject("properties");
                }
                for (Iterator<String> names = p.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!declared.has(name)) {
                        declared.set(name, BooleanNode.TRUE); // declared (the branch validates it)
                    }
                }
            }
        }
        o.set("additionalProperties", BooleanNode.FALSE);
    }

    private static List<JsonNode> layers(ObjectNode o) {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String k : LAYERED_LISTS) {
            each(o.get(k), out::add, true);
        }
        for (String k : LAYERED_SINGLE) {
            each(o.get(k), out::add, false);
        }
        values(o.get("dependentSchemas"), out::add);
        return out;
    }

    /** {@code node} itself when it is a schema object, or each element when {@code arrays} and it is an array. */
    private static void each(JsonNode node, java.util.function.Consumer<JsonNode> f, boolean arrays) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            f.accept(node);
        } else if (arrays && node.isArray()) {
            node.forEach(f);
        }
    }

    private static void values(JsonNode node, java.util.function.Consumer<JsonNode> f) {
        if (node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                f.accept(it.next().getValue());
            }
        }
    }
}
