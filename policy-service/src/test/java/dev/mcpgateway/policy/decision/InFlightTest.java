package dev.mcpgateway.policy.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class InFlightTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void slotsUpToTheBoundThenRefusedUntilOneIsGivenBack() {
        InFlight f = new InFlight(2, meters);
        assertTrue(f.tryAcquire());
        assertTrue(f.tryAcquire());
        assertFalse(f.tryAcquire(), "the third call is over the bound");
        assertEquals(2, f.current(), "a refused call takes no slot");
        f.release();
        assertTrue(f.tryAcquire());
        assertEquals(2.0, meters.get("policy.in_flight").gauge().value());
    }

    @Test
    void shedCallsAreCountedPerMethodAndAreUnavailableWithAClearMessage() {
        InFlight f = new InFlight(1, meters);
        StatusRuntimeException e = f.shed(InFlight.Method.Decide);
        f.shed(InFlight.Method.Decide);
        f.shed(InFlight.Method.Settle);
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("policy-service overloaded: 1 Decides and Settles already in flight"),
                e.getStatus().getDescription());
        assertEquals(2.0, meters.get("policy.overload.shed").tag("method", "Decide").counter().count());
        assertEquals(1.0, meters.get("policy.overload.shed").tag("method", "Settle").counter().count());
    }

    @Test
    void aBoundBelowOneIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new InFlight(0, meters));
    }
}
