package dev.mcpgateway.proxy.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.proxy.jsonrpc.Json;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Input schemas as catalog-service holds them ({@code GET {catalog}/api/tools/{server}/{name}} → {@code inputSchema}),
 * the fallback when this instance has not seen the upstream's own list. Answers (a schema, or "no such tool") are
 * cached for {@code ttl}; while the catalog is unreachable it is not asked again for a few seconds, so a catalog
 * outage costs each call at most one connect attempt, not one per call.
 */
public class CatalogSchemas {

    private static final Logger LOG = Logger.getLogger(CatalogSchemas.class);
    private static final long DOWN_BACKOFF_MS = 5_000;

    private final String base;
    private final Duration timeout;
    private final HttpClient http;
    private final com.github.benmanes.caffeine.cache.AsyncCache<String, Optional<JsonNode>> cache;
    private final Optional<String> token;
    private volatile long downUntil;

    public CatalogSchemas(String catalogUrl, Duration timeout, Duration ttl) {
        this(catalogUrl, timeout, ttl, Optional.empty());
    }

    /** {@code token}: the proxy's credential for catalog-service (role {@code service}), sent as a bearer token. */
    public CatalogSchemas(String catalogUrl, Duration timeout, Duration ttl, Optional<String> token) {
        this.base = catalogUrl.replaceAll("/+$", "");
        this.timeout = timeout;
        this.token = token.filter(t -> !t.isBlank()).map(String::strip);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.cache = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                .maximumSize(10_000).expireAfterWrite(ttl.toMillis(), TimeUnit.MILLISECONDS).buildAsync();
    }

    /** The tool's input schema per the catalog; empty when it has none or cannot be reached (never fails). */
    public Uni<Optional<JsonNode>> inputSchema(String server, String tool) {
        if (System.currentTimeMillis() < downUntil) {
            return Uni.createFrom().item(Optional.empty());
        }
        String key = server + "\u0000" + tool;
        CompletableFuture<Optional<JsonNode>> f = cache.get(key, (k, executor) -> fetch(server, tool));
        return Uni.createFrom().completionStage(f)
                .onFailure().recoverWithItem(t -> {
                    cache.synchronous().invalidate(key); // a failure is not an answer: ask again after the backoff
                    downUntil = System.currentTimeMillis() + DOWN_BACKOFF_MS;
                    LOG.debugf("catalog-service did not answer for %s/%s: %s", server, tool, t.toString());
                    return Optional.empty();
                });
    }

    private CompletableFuture<Optional<JsonNode>> fetch(String server, String tool) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/api/tools/" + segment(server) + "/" + segment(tool)))
                .timeout(timeout).header("Accept", "application/json");
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        HttpRequest req = builder.GET().build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).thenApply(resp -> {
            if (resp.statusCode() == 404) {
                return Optional.empty();
            }
            if (resp.statusCode() != 200) {
                throw new IllegalStateException("catalog-service answered HTTP " + resp.statusCode());
            }
            try {
                JsonNode schema = Json.MAPPER.readTree(resp.body()).path("inputSchema");
                return schema.isObject() ? Optional.of(schema) : Optional.empty();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("catalog-service sent an unreadable tool record", e);
            }
        });
    }

    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
