package dev.mcpgateway.proxy.session;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/** Where sessions live. Asynchronous on purpose: a store shared by replicas may answer later. */
public interface SessionStore {

    /** A new session with its key, lifetime and the id the client will hold (not yet saved). */
    ProxySession open(String server, String grantId, String grantName, String upstreamSessionId, String protocolVersion,
                      com.fasterxml.jackson.databind.node.ObjectNode initializeParams);

    /** The session a client-supplied {@code Mcp-Session-Id} names, if it is live. */
    Uni<Optional<ProxySession>> find(String token);

    /** Keeps (a new version of) the session; its token stays what the client holds. */
    Uni<Void> save(ProxySession session);

    /** Ends the session: its id is refused from now on. */
    Uni<Void> end(ProxySession session);
}
