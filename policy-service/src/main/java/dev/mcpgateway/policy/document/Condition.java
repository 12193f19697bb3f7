package dev.mcpgateway.policy.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;

/**
 * One argument condition of {@code require} or {@code deny_if}, compiled at load time.
 *
 * <p>Semantics, chosen so that an agent cannot slip past a rule by reshaping its arguments:
 * a JSON number and a numeric string compare as numbers (so {@code "1000"} is caught by
 * {@code gt 100}); an absent or null value satisfies only {@code neq}, {@code not_in} and
 * {@code exists: false}. {@code regex} uses RE2/J, whose matching time is linear in the input,
 * so no pattern can backtrack catastrophically on a hostile argument; it searches (use ^…$ to
 * anchor) and applies to strings, numbers and booleans as text.
 *
 * @param pointer  where the condition sits in the document, e.g. {@code /tools/x/require/0}
 * @param value    the literal operand (array for in/not_in)
 * @param number   the operand of lt/lte/gt/gte
 * @param regex    the compiled operand of regex
 * @param exists   the operand of exists
 */
public record Condition(String pointer, ArgumentPath path, Operator op, JsonNode value, double number,
                        Pattern regex, boolean exists) {

    public boolean test(JsonNode args) {
        JsonNode v = path.resolve(args);
        switch (op) {
            case EXISTS:
                return (v != null) == exists;
            case EQ:
                return v != null && JsonValues.same(v, value);
            case NEQ:
                return v == null || !JsonValues.same(v, value);
            case IN:
                return v != null && JsonValues.member(v, value);
            case NOT_IN:
                return v == null || !JsonValues.member(v, value);
            case LT:
            case LTE:
            case GT:
            case GTE:
                return compare(v);
            case REGEX:
                return v != null && v.isValueNode() && regex.matcher(v.asText()).find();
            case CONTAINS:
                return v != null && JsonValues.contains(v, value);
            default:
                return false;
        }
    }

    private boolean compare(JsonNode v) {
        double d = JsonValues.number(v);
        if (Double.isNaN(d)) {
            return false;
        }
        switch (op) {
            case LT:
                return d < number;
            case LTE:
                return d <= number;
            case GT:
                return d > number;
            default:
                return d >= number;
        }
    }

    /** A plain sentence for an agent or an operator: {@code args.amount must be lte 100}. */
    public String describe() {
        String operand = op == Operator.EXISTS ? "" : " " + value;
        if (op == Operator.EXISTS) {
            return path.text() + (exists ? " must be present" : " must be absent");
        }
        return path.text() + " " + op.wire() + operand;
    }
}
