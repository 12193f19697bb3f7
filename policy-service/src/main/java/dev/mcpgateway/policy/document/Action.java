package dev.mcpgateway.policy.document;

/** What a tool rule does with a call once its conditions are satisfied. */
public enum Action {
    ALLOW("allow"),
    DENY("deny"),
    /** Removed from tools/list and refused as an unknown tool. */
    HIDE("hide"),
    REQUIRE_APPROVAL("require_approval");

    private final String wire;

    Action(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Action fromWire(String s) {
        for (Action a : values()) {
            if (a.wire.equals(s)) {
                return a;
            }
        }
        return null;
    }
}
