package dev.mcpgateway.demo.transport.http;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Streamable HTTP sessions: created by initialize, ended by DELETE or idleness. */
public final class SessionRegistry {

    /** One session; {@code lastSeen} is only used for idle expiry. */
    public static final class Session {
        private final String id;
        private final String protocolVersion;
        private volatile Instant lastSeen;

        Session(String id, String protocolVersion, Instant now) {
            this.id = id;
            this.protocolVersion = protocolVersion;
            this.lastSeen = now;
        }

        public String id() {
            return id;
        }

        public String protocolVersion() {
            return protocolVersion;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxSessions;
    private final Duration idleTimeout;

    public SessionRegistry(Clock clock, int maxSessions, Duration idleTimeout) {
        this.clock = clock;
        this.maxSessions = maxSessions;
        this.idleTimeout = idleTimeout;
    }

    /** A new session, or empty when the registry is full even after dropping idle sessions. */
    public Optional<Session> create(String protocolVersion) {
        if (sessions.size() >= maxSessions) {
            expireIdle();
            if (sessions.size() >= maxSessions) {
                return Optional.empty();
            }
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        // Visible ASCII only, as the spec requires of Mcp-Session-Id; unguessable.
        Session session = new Session(HexFormat.of().formatHex(bytes), protocolVersion, clock.instant());
        sessions.put(session.id(), session);
        return Optional.of(session);
    }

    /** The live session with this id, marked as used; empty if unknown, ended or expired. */
    public Optional<Session> touch(String id) {
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (session.lastSeen.plus(idleTimeout).isBefore(now)) {
            sessions.remove(id, session);
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    public boolean end(String id) {
        return touch(id).map(s -> sessions.remove(id, s)).orElse(false);
    }

    public int size() {
        return sessions.size();
    }

    private void expireIdle() {
        Instant cutoff = clock.instant().minus(idleTimeout);
        sessions.values().removeIf(s -> s.lastSeen.isBefore(cutoff));
    }
}
