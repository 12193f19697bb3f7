package dev.mcpgateway.policy.limit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.policy.document.ArgumentPath;
import dev.mcpgateway.policy.document.Limit;
import dev.mcpgateway.policy.document.Scope;
import dev.mcpgateway.policy.document.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Charges as JSON, for a reservation held for approval in the shared store: every field of each charge, with its
 * limit's pointer and {@code increment_from}, so that a replica that never saw the Decide can re-plan it (the policy may have a newer version by then, so
 * it is not looked up again). A JSON array, which no "counter key TAB amount" record can start with (keys start with
 * the key prefix, then the policy's hash tag).
 */
final class ChargeRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChargeRecords() {
    }

    static boolean isJson(String record) {
        return record.startsWith("[");
    }

    static String write(List<Charge> charges) {
        ArrayNode a = JSON.createArrayNode();
        for (Charge c : charges) {
            CounterKey k = c.key();
            Limit l = c.limit();
            ObjectNode o = a.addObject()
                    .put("policy", k.policyId()).put("counter", k.counter()).put("window", k.window().wire())
                    .put("scope", k.scope().wire()).put("scope_value", k.scopeValue())
                    .put("start", c.windowStart()).put("end", c.windowEnd()).put("amount", c.amount()).put("max", c.max())
                    .put("limit", l.pointer());
            if (l.incrementFrom() != null) {
                o.put("increment_from", l.incrementFrom().text());
            }
        }
        return a.toString();
    }

    static List<Charge> read(String record) {
        JsonNode a;
        try {
            a = JSON.readTree(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable reservation record: " + e.getOriginalMessage(), e);
        }
        List<Charge> charges = new ArrayList<>(a.size());
        for (JsonNode o : a) {
            JsonNode from = o.get("increment_from");
            CounterKey k = new CounterKey(o.get("policy").asText(), o.get("counter").asText(),
                    Window.fromWire(o.get("window").asText()), Scope.fromWire(o.get("scope").asText()),
                    o.get("scope_value").asText());
            // A charge's key and max are its limit's (LimitPlanner): only the pointer and increment_from are extra.
            Limit l = new Limit(o.get("limit").asText(), k.counter(), k.window(), o.get("max").asLong(), k.scope(),
                    from == null ? null : ArgumentPath.parse(from.asText()));
            charges.add(new Charge(k, o.get("start").asLong(), o.get("end").asLong(), o.get("amount").asLong(),
                    o.get("max").asLong(), l));
        }
        return charges;
    }
}
