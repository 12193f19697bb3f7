package dev.mcpgateway.proxy.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.contracts.audit.DecisionEventV1;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.proxy.call.CallExchange;
import dev.mcpgateway.proxy.jsonrpc.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Builds the one {@link DecisionEventV1} of a call. Arguments are reduced to their keys; a value is
 * included only at a path the policy names in {@code audit_argument_values}, and even then anything
 * under a secret-looking key is replaced by {@value #MASK} and its path listed in {@code maskedPaths}.
 */
public final class DecisionEvents {

    public static final String MASK = "***";
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(pass(word|wd|phrase)?|secret|token|api[-_]?key|apikey|auth(orization)?|credential|private[-_]?key|cookie|signature).*");

    private DecisionEvents() {
    }

    public static DecisionEventV1 build(CallExchange ex, long nowNanos) {
        DecideResponse d = ex.decision();
        ObjectNode args = ex.arguments();
        List<String> keys = new ArrayList<>(args.size());
        args.fieldNames().forEachRemaining(keys::add);
        List<String> masked = new ArrayList<>();
        Map<String, Object> values = d == null ? null : allowedValues(args, d.getAuditArgumentValuesList(), masked);
        return new DecisionEventV1(
                DecisionEventV1.VERSION,
                d == null || d.getDecisionId().isEmpty() ? "gw-" + UUID.randomUUID() : d.getDecisionId(),
                ex.timestamp(),
                ex.traceId(),
                ex.grant().id(),
                blankToNull(ex.grant().name()),
                ex.session().id(),
                ex.server(),
                ex.tool(),
                d == null ? null : blankToNull(d.getToolRisk()),
                d == null ? null : blankToNull(d.getToolCategory()),
                decision(ex),
                d == null || d.getEnforced(),
                withNotes(ex.isUndecided() ? "could not decide: " + ex.undecidedCause() : d == null ? null : blankToNull(d.getReason()),
                        ex.auditNotes()),
                d == null ? null : blankToNull(d.getRule()),
                d == null ? null : blankToNull(d.getPolicyId()),
                d == null ? null : d.getPolicyVersion(),
                d == null || d.getLimitRemaining() < 0 ? null : d.getLimitRemaining(),
                d == null || d.getRetryAfterMs() <= 0 ? null : d.getRetryAfterMs(),
                List.copyOf(keys),
                values == null || values.isEmpty() ? null : values,
                List.copyOf(masked),
                ex.upstreamOutcome(),
                ex.upstreamLatencyMs(),
                Math.max(0, (nowNanos - ex.startNanos()) / 1_000_000));
    }

    private static DecisionEventV1.Decision decision(CallExchange ex) {
        if (ex.isUndecided() || ex.decision() == null) {
            return DecisionEventV1.Decision.UNDECIDED;
        }
        return switch (ex.decision().getDecision()) {
            case ALLOW -> DecisionEventV1.Decision.ALLOW;
            case DENY -> DecisionEventV1.Decision.DENY;
            case RATE_LIMITED -> DecisionEventV1.Decision.RATE_LIMITED;
            case APPROVAL_REQUIRED -> DecisionEventV1.Decision.APPROVAL_REQUIRED;
            default -> DecisionEventV1.Decision.UNDECIDED;
        };
    }

    /** The values at the allowed paths ("args.a.b", "a.b" or "/a/b"), keyed by their dotted path. */
    static Map<String, Object> allowedValues(ObjectNode args, List<String> paths, List<String> masked) {
        if (paths.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String raw : paths) {
            String path = normalize(raw);
            if (path.isEmpty()) {
                continue;
            }
            JsonNode node = args;
            boolean secretOnPath = false;
            for (String segment : path.split("\\.")) {
                node = node.path(segment);
                secretOnPath |= SECRET.matcher(segment).matches();
            }
            if (node.isMissingNode()) {
                continue;
            }
            if (secretOnPath) {
                out.put(path, MASK);
                masked.add(path);
            } else {
                out.put(path, Json.MAPPER.convertValue(maskWithin(node.deepCopy(), path, masked), Object.class));
            }
        }
        return out;
    }

    private static JsonNode maskWithin(JsonNode node, String path, List<String> masked) {
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            List<String> secretKeys = new ArrayList<>();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (SECRET.matcher(e.getKey()).matches()) {
                    secretKeys.add(e.getKey());
                } else {
                    maskWithin(e.getValue(), path + "." + e.getKey(), masked);
                }
            }
            for (String k : secretKeys) {
                obj.put(k, MASK);
                masked.add(path + "." + k);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                maskWithin(node.get(i), path + "." + i, masked);
            }
        }
        return node;
    }

    private static String normalize(String path) {
        String p = path == null ? "" : path.strip();
        if (p.startsWith("/")) {
            p = p.substring(1).replace('/', '.');
        }
        if (p.startsWith("args.")) {
            p = p.substring(5);
        } else if (p.equals("args")) {
            p = "";
        }
        return p;
    }

    /** The stages' audit notes (e.g. argument validation in warn mode) follow the decision's own reason. */
    static String withNotes(String reason, List<String> notes) {
        if (notes.isEmpty()) {
            return reason;
        }
        String joined = String.join("; ", notes);
        return reason == null ? joined : reason + "; " + joined;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
