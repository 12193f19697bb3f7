package dev.mcpgateway.policy.cli;

import dev.mcpgateway.policy.explain.Explanation;
import java.io.PrintStream;

/** Prints an {@link Explanation} for a terminal: the decision first, then every rule looked at. */
final class ExplanationPrinter {
    private ExplanationPrinter() {
    }

    static void print(Explanation e, String tool, PrintStream out) {
        out.println("tool:     " + tool + facts(e));
        out.println("decision: " + e.decision() + ("monitor".equals(e.mode()) ? " (monitor mode: not enforced)" : ""));
        out.println("rule:     " + e.rule());
        if (e.reason() != null && !e.reason().isEmpty()) {
            out.println("reason:   " + e.reason());
        }
        out.println("considered:");
        for (Explanation.Considered c : e.considered()) {
            out.println("  " + (c.matched() ? "* " : "  ") + c.rule() + "  " + c.why());
        }
        if (!e.limits().isEmpty()) {
            out.println("limits (offline: every counter reads 0):");
            for (Explanation.LimitState l : e.limits()) {
                out.println("  " + l.rule() + "  counter " + l.counter() + ": " + l.max() + " per " + l.window()
                        + " per " + l.scope() + ", this call adds " + l.amount() + ", " + l.remaining() + " left"
                        + (l.wouldExceed() ? " (would exceed)" : ""));
            }
        }
    }

    private static String facts(Explanation e) {
        if (e.toolRisk().isEmpty() && e.toolCategory().isEmpty()) {
            return " (catalog facts not given: risk rules do not apply)";
        }
        return " (risk " + orUnknown(e.toolRisk()) + ", category " + orUnknown(e.toolCategory()) + ")";
    }

    private static String orUnknown(String s) {
        return s.isEmpty() ? "unknown" : s;
    }
}
