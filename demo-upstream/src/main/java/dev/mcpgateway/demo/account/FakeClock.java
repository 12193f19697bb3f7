package dev.mcpgateway.demo.account;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Timestamps for records, in SmartLead's ISO-8601 UTC form; a fixed clock makes tests exact. */
public final class FakeClock {

    private final Clock clock;

    public FakeClock(Clock clock) {
        this.clock = clock;
    }

    public String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }
}
