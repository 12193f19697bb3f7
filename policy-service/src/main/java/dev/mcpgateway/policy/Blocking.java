package dev.mcpgateway.policy;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs a Hibernate Reactive operation from a plain thread (start-up, the background poll) and waits
 * for it: Hibernate Reactive must run on a Vert.x context, which this provides.
 */
public final class Blocking {
    private Blocking() {
    }

    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
