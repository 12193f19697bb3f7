package dev.mcpgateway.policy.document;

/**
 * A rate-limit window. Windows are calendar-aligned in UTC: because the Unix epoch is midnight UTC
 * and these lengths divide a day, {@code floor(now / length) * length} is the start of the
 * current second, minute, hour or day.
 */
public enum Window {
    SECOND("second", 1_000L),
    MINUTE("minute", 60_000L),
    HOUR("hour", 3_600_000L),
    DAY("day", 86_400_000L);

    private final String wire;
    private final long millis;

    Window(String wire, long millis) {
        this.wire = wire;
        this.millis = millis;
    }

    public String wire() {
        return wire;
    }

    public long millis() {
        return millis;
    }

    public long start(long nowMillis) {
        return Math.floorDiv(nowMillis, millis) * millis;
    }

    public static Window fromWire(String s) {
        for (Window w : values()) {
            if (w.wire.equals(s)) {
                return w;
            }
        }
        return null;
    }
}
