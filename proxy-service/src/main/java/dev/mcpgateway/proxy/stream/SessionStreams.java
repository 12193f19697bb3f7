package dev.mcpgateway.proxy.stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mcpgateway.proxy.ProxyConfig;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The resumable SSE streams of each session on this instance, bounded twice: the last
 * {@code proxy.sse.replay-events} events per stream, the last {@code proxy.sse.streams-per-session}
 * streams per session. Stream keys are random, so an event id minted by another replica never matches a
 * stream here by accident (the client then just gets a fresh stream).
 */
@ApplicationScoped
public class SessionStreams {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int replayEvents;
    private final int streamsPerSession;
    private final Function<EventStream.Event, Buffer> format;
    private final Cache<String, Streams> bySession;

    @jakarta.inject.Inject
    public SessionStreams(ProxyConfig config) {
        this(config.sse().replayEvents(), config.sse().streamsPerSession(), config.sessions().idleTimeout(),
                Sse::event);
    }

    public SessionStreams(int replayEvents, int streamsPerSession, Duration idle, Function<EventStream.Event, Buffer> format) {
        this.replayEvents = replayEvents;
        this.streamsPerSession = streamsPerSession;
        this.format = format;
        this.bySession = Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(100_000).build();
    }

    /** A new stream for one POST's answer. */
    public EventStream openPostStream(String sessionKey) {
        return streams(sessionKey).open("p" + randomHex());
    }

    /** The session's GET stream on this instance (created on first use). */
    public EventStream getStream(String sessionKey) {
        return streams(sessionKey).getStream();
    }

    /** The stream an event id names, if this instance still holds it. */
    public EventStream find(String sessionKey, EventId id) {
        Streams s = bySession.getIfPresent(sessionKey);
        return s == null || id == null ? null : s.find(id.stream());
    }

    public void forget(String sessionKey) {
        bySession.invalidate(sessionKey);
    }

    private Streams streams(String sessionKey) {
        return bySession.get(sessionKey, k -> new Streams());
    }

    private static String randomHex() {
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A parsed {@code Last-Event-ID}: {@code {stream}.{sequence}}. */
    public record EventId(String stream, long sequence) {
        public static EventId parse(String header) {
            if (header == null) {
                return null;
            }
            int dot = header.lastIndexOf('.');
            if (dot <= 0 || dot == header.length() - 1 || header.length() > 64) {
                return null;
            }
            try {
                return new EventId(header.substring(0, dot), Long.parseLong(header.substring(dot + 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private final class Streams {
        private final Map<String, EventStream> streams = new LinkedHashMap<>();
        private EventStream get;

        synchronized EventStream open(String key) {
            if (streams.size() >= streamsPerSession) {
                // Forget the oldest stream, a finished one first.
                String victim = streams.entrySet().stream().filter(e -> e.getValue().finished()).map(Map.Entry::getKey)
                        .findFirst().orElse(streams.keySet().iterator().next());
                streams.remove(victim);
            }
            EventStream s = new EventStream(key, replayEvents, format);
            streams.put(key, s);
            return s;
        }

        synchronized EventStream getStream() {
            if (get == null) {
                get = new EventStream("g" + randomHex(), replayEvents, format);
            }
            return get;
        }

        synchronized EventStream find(String key) {
            if (get != null && get.key().equals(key)) {
                return get;
            }
            return streams.get(key);
        }
    }
}
