package dev.mcpgateway.audit.cli;

import dev.mcpgateway.cli.UsageException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Short durations as people type them: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 7d}. */
final class Durations {
    private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");

    private Durations() {
    }

    static Duration parse(String option, String raw) {
        Matcher m = raw == null ? null : SHORT.matcher(raw.strip());
        if (m == null || !m.matches()) {
            throw new UsageException(option + " must be a duration like 30s, 15m, 2h or 7d, not '" + raw + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero()) {
            throw new UsageException(option + " must be more than zero");
        }
        return d;
    }
}
