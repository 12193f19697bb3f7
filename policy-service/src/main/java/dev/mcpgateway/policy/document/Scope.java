package dev.mcpgateway.policy.document;

/** Whose calls a limit counts together. */
public enum Scope {
    GRANT("grant"),
    SESSION("session"),
    GLOBAL("global");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Scope fromWire(String s) {
        for (Scope v : values()) {
            if (v.wire.equals(s)) {
                return v;
            }
        }
        return null;
    }
}
