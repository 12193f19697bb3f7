package dev.mcpgateway.policy.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.policy.evaluate.ToolFacts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reads a server's tools from catalog-service: {@code GET /api/tools?server=&page=&size=500}. */
public class CatalogClient {
    private static final int PAGE_SIZE = 500;
    private static final int MAX_PAGES = 100;

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final Optional<String> token;
    private final ObjectMapper json = new ObjectMapper();

    public CatalogClient(URI base, Duration timeout) {
        this(base, timeout, Optional.empty());
    }

    /** {@code token}: this service's credential for catalog-service (role {@code service}). */
    public CatalogClient(URI base, Duration timeout, Optional<String> token) {
        this.base = base;
        this.timeout = timeout;
        this.token = token.filter(t -> !t.isBlank()).map(String::strip);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Every tool of the server with its risk, category and whether its definition changed unaccepted; throws when the catalog cannot be read. */
    public Map<String, ToolFacts> tools(String server) throws IOException, InterruptedException {
        Map<String, ToolFacts> out = new HashMap<>();
        String root = base.toString().replaceAll("/+$", "");
        for (int page = 0; page < MAX_PAGES; page++) {
            URI uri = URI.create(root + "/api/tools?server=" + URLEncoder.encode(server, StandardCharsets.UTF_8)
                    + "&page=" + page + "&size=" + PAGE_SIZE);
            HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                    // Past catalog-service's list cache: this fetch follows a change event, possibly one written by
                    // another catalog replica whose change this replica's cache has not seen yet.
                    .header("Cache-Control", "no-cache");
            token.ifPresent(t -> req.header("Authorization", "Bearer " + t));
            HttpResponse<byte[]> resp = http.send(req.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered " + resp.statusCode());
            }
            JsonNode body = json.readTree(resp.body());
            JsonNode items = body.path("items");
            for (JsonNode item : items) {
                String name = item.path("name").asText("");
                if (!name.isEmpty()) {
                    // "changed": the upstream reports a definition no operator has accepted yet.
                    out.put(name, new ToolFacts(item.path("risk").asText(""), item.path("category").asText(""),
                            "changed".equals(item.path("status").asText(""))));
                }
            }
            long total = body.path("total").asLong(out.size());
            if (items.size() < PAGE_SIZE || out.size() >= total) {
                break;
            }
        }
        return out;
    }
}
