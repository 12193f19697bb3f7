package dev.mcpgateway.proxy.session;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * Where sessions live. Asynchronous on purpose: the in-memory store answers at once, while the
 * multi-replica stores issue 3 asks for (a shared store, or ids that carry the sealed session) may not.
 */
public interface SessionStore {

    Uni<Optional<ProxySession>> find(String id);

    Uni<Void> save(ProxySession session);

    Uni<Void> remove(String id);
}
