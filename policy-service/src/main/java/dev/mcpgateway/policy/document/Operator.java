package dev.mcpgateway.policy.document;

/** Condition operators of the policy language. */
public enum Operator {
    EQ("eq"),
    NEQ("neq"),
    IN("in"),
    NOT_IN("not_in"),
    LT("lt"),
    LTE("lte"),
    GT("gt"),
    GTE("gte"),
    REGEX("regex"),
    CONTAINS("contains"),
    EXISTS("exists");

    private final String wire;

    Operator(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Operator fromWire(String s) {
        for (Operator v : values()) {
            if (v.wire.equals(s)) {
                return v;
            }
        }
        return null;
    }
}
