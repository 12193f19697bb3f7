package dev.mcpgateway.catalog.tool;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mcpgateway.catalog.CatalogConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serialised answers of {@code GET /api/tools}, per (catalog version, normalised query), with their strong ETag.
 * Serialising ~100 kB of JSON per request was most of the list's cost; the answer only changes when the catalog does.
 * <p>
 * Every write of this service ends with {@link #invalidate()} once it committed (seed, discovery report, override,
 * accepted definition; status changes come with these): the version moves on and the old entries are dropped. A list
 * computed from a snapshot older than a write is stored under the version read <em>before</em> its query, so it is
 * never served after that write's invalidation.
 * <p>
 * Several replicas: each has its own cache and only sees its own writes. Another replica's write is therefore
 * served at most {@code catalog.list.cache.ttl} late (a short TTL rather than a version read from the database: that
 * read would cost a round trip per request, which is what the cache saves). Callers that must see every committed
 * write send {@code Cache-Control: no-cache} (policy-service does, after a change event), which reads the database.
 * <p>
 * The cached bytes do not depend on who asks: every role allowed to list sees the same answer, and the role check
 * ({@code @RolesAllowed} on the resource) runs before the cache is consulted.
 */
@Singleton
public class ToolListCache {

    /** A serialised list answer and its ETag (quoted, strong: a hash of the exact bytes). */
    public record Listing(byte[] body, String etag) {
        public static Listing of(byte[] body) {
            return new Listing(body, ToolListCache.etag(body));
        }
    }

    record Key(long version, ToolFilter filter) {
    }

    private final AtomicLong version = new AtomicLong();
    private final Cache<Key, Listing> cache;

    @Inject
    public ToolListCache(CatalogConfig config) {
        this(config.list().cache().maxEntries(), config.list().cache().ttl());
    }

    ToolListCache(long maxEntries, Duration ttl) {
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
    }

    /** The version to read before querying the database for a list that will be stored under it. */
    public long version() {
        return version.get();
    }

    public Optional<Listing> get(long version, ToolFilter filter) {
        return Optional.ofNullable(cache.getIfPresent(new Key(version, normalised(filter))));
    }

    public Listing put(long version, ToolFilter filter, Listing listing) {
        cache.put(new Key(version, normalised(filter)), listing);
        return listing;
    }

    /** After a committed write: answers computed before it are never served again. */
    public void invalidate() {
        version.incrementAndGet();
        cache.invalidateAll();
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** The text search is case-insensitive: one entry for "Campaign" and "campaign". */
    static ToolFilter normalised(ToolFilter f) {
        return f.text().isEmpty() ? f
                : new ToolFilter(f.server(), f.category(), f.risk(), f.status(), f.text().map(t -> t.toLowerCase(Locale.ROOT)),
                        f.page(), f.size());
    }

    static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code If-None-Match} against an ETag: a list of entity tags or {@code *}. GET compares weakly (RFC 9110
     * 13.1.2), so {@code W/"x"} matches {@code "x"}.
     */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
