package dev.mcpgateway.policy.decision;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bound on Decides and Settles being served at once. A call takes a slot before any work and gives it
 * back when it is answered; with every slot taken it is refused at once ("could not decide"), so a slow
 * counter store or more load than the cores can serve sheds calls instead of growing a queue until the
 * heap is full.
 */
public final class InFlight {
    /** The gRPC methods that take a slot, as the {@code method} tag of the shed counter. */
    public enum Method {
        Decide, Settle
    }

    private final AtomicInteger current = new AtomicInteger();
    private final int max;
    private final Counter shedDecide;
    private final Counter shedSettle;

    public InFlight(int max, MeterRegistry meters) {
        if (max < 1) {
            throw new IllegalArgumentException("policy.max-in-flight must be at least 1, got " + max);
        }
        this.max = max;
        shedDecide = shedCounter(meters, Method.Decide);
        shedSettle = shedCounter(meters, Method.Settle);
        Gauge.builder("policy.in_flight", current, AtomicInteger::get)
                .description("Decides and Settles being served").register(meters);
    }

    private static Counter shedCounter(MeterRegistry meters, Method m) {
        return Counter.builder("policy.overload.shed").description("Calls refused because policy.max-in-flight were being served")
                .tag("method", m.name()).register(meters);
    }

    /** Takes a slot; false (nothing taken) when all are in use. Each true must be followed by one {@link #release()}. */
    public boolean tryAcquire() {
        if (current.incrementAndGet() > max) {
            current.decrementAndGet();
            return false;
        }
        return true;
    }

    public void release() {
        current.decrementAndGet();
    }

    /** Counts a refused call and returns its status: UNAVAILABLE, which the proxy treats as "could not decide". */
    public StatusRuntimeException shed(Method method) {
        (method == Method.Decide ? shedDecide : shedSettle).increment();
        return Status.UNAVAILABLE.withDescription("policy-service overloaded: " + max
                + " Decides and Settles already in flight (policy.max-in-flight); could not decide, try again")
                .asRuntimeException();
    }

    public int current() {
        return current.get();
    }
}
