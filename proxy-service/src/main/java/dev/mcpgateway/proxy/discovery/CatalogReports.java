package dev.mcpgateway.proxy.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** Sends an upstream's tool list to catalog-service: {@code POST {catalog}/api/tools/{server}/discovered {"tools":[...]}}. */
public class CatalogReports {

    private final String base;
    private final Duration timeout;
    private final HttpClient http;

    private final Optional<String> token;

    public CatalogReports(String catalogUrl, Duration timeout) {
        this(catalogUrl, timeout, Optional.empty());
    }

    /** {@code token}: the proxy's credential for catalog-service (role {@code service}), sent as a bearer token. */
    public CatalogReports(String catalogUrl, Duration timeout, Optional<String> token) {
        this.base = catalogUrl.replaceAll("/+$", "");
        this.timeout = timeout;
        this.token = token.filter(t -> !t.isBlank()).map(String::strip);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Completes when the catalog accepted the report (2xx); fails otherwise, with the catalog's answer. */
    public Uni<Void> report(String server, JsonNode tools) {
        ObjectNode body = Json.object();
        body.set("tools", tools);
        // The discovery report can be large (116 SmartLead tools with schemas): allow more than a lookup.
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/api/tools/"
                        + URLEncoder.encode(server, StandardCharsets.UTF_8).replace("+", "%20") + "/discovered"))
                .timeout(timeout.multipliedBy(5))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        HttpRequest req = builder.POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(req, HttpResponse.BodyHandlers.ofString()))
                // The JDK client's failures often carry no message (a refused connection is a bare ConnectException):
                // say where the report went and what failed, or the log reads "failed: null".
                .onFailure().transform(t -> new IllegalStateException("catalog-service at " + base + " could not be reached: "
                        + describe(t), t))
                .map(resp -> {
                    if (resp.statusCode() / 100 != 2) {
                        String text = resp.body() == null ? "" : resp.body();
                        throw new IllegalStateException("catalog-service answered HTTP " + resp.statusCode() + ": "
                                + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
                    }
                    return null;
                });
    }

    /** A failure as one line that always names what failed: its type and message, then its causes'. */
    static String describe(Throwable t) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && parts.size() < 5; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
                continue; // the async API's wrapper: its cause is the failure
            }
            String m = c.getMessage();
            parts.add(c.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m));
        }
        return String.join("; caused by ", parts);
    }
}
