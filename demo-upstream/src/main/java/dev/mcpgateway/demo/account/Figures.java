package dev.mcpgateway.demo.account;

/**
 * Deterministic "random" numbers for reports: the same question always gets the same plausible
 * answer, so tests and demos are repeatable without storing fake history.
 */
public final class Figures {

    private Figures() {
    }

    /** A number in [min, max] derived from the key. */
    public static long between(String key, long min, long max) {
        if (max <= min) {
            return min;
        }
        return min + Math.floorMod(mix(key), max - min + 1);
    }

    /** A share of {@code total} between minPercent and maxPercent, derived from the key. */
    public static long share(String key, long total, int minPercent, int maxPercent) {
        return total * between(key, minPercent, maxPercent) / 100;
    }

    private static long mix(String key) {
        long z = key.hashCode() * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
