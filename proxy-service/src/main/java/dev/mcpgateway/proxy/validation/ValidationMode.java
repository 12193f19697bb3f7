package dev.mcpgateway.proxy.validation;

import java.util.Locale;

/** What the gateway does with a {@code tools/call} whose arguments do not fit the tool's input schema. */
public enum ValidationMode {
    /** Not checked at all. */
    OFF,
    /** Checked; a mismatch is forwarded anyway and noted in the decision event (audit only). */
    WARN,
    /** Checked; a mismatch is refused, not forwarded, and audited as DENY. */
    ENFORCE;

    /** @param property the configuration property, named in the error so the operator can fix it */
    public static ValidationMode parse(String value, String property) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(property + "='" + value + "' is not supported; use off, warn or enforce");
        }
    }
}
