package dev.mcpgateway.policy.document;

/** {@code monitor}: decisions are computed and audited but the proxy does not enforce them. */
public enum Mode {
    ENFORCE("enforce"),
    MONITOR("monitor");

    private final String wire;

    Mode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Mode fromWire(String s) {
        for (Mode v : values()) {
            if (v.wire.equals(s)) {
                return v;
            }
        }
        return null;
    }
}
