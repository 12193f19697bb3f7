package dev.mcpgateway.proxy.session;

import io.smallrye.mutiny.Uni;
import java.time.Instant;

/**
 * Sessions ended by DELETE before their sealed id expires. A sealed id stays cryptographically valid
 * until its expiry, so ending a session means remembering that it ended, until then. With several
 * replicas this must be a store they share (a Redis set with TTL, a PostgreSQL table); the in-memory
 * implementation only covers one instance.
 */
public interface SessionRevocations {

    Uni<Boolean> isRevoked(String sessionKey);

    /** Remembers that the session ended; forgetting it after {@code until} (the id's expiry) is safe. */
    Uni<Void> revoke(String sessionKey, Instant until);
}
