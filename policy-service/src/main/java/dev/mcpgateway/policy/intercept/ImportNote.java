package dev.mcpgateway.policy.intercept;

/**
 * One line of the import report.
 *
 * @param where a location in the Intercept file, e.g. {@code tools.create_charge.rules[1]}
 */
public record ImportNote(Kind kind, String where, String message) {

    public enum Kind {
        /** Behaviour of the original that the imported document does not have: it is less restrictive there. */
        DROPPED,
        /** Carried over with a visible difference (a message, a rounding, a naming). */
        CHANGED,
        /** Worth knowing; decisions are the same. */
        INFO
    }

    @Override
    public String toString() {
        return (where.isEmpty() ? "" : where + ": ") + message;
    }
}
