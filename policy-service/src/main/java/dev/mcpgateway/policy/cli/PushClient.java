package dev.mcpgateway.policy.cli;

import dev.mcpgateway.cli.CliException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Stores a document on a running policy-service: {@code PUT /api/policies/{id}} with the document as
 * the body (JSON, or YAML with a YAML content type, exactly as written on disk). The service
 * validates again and answers problem+json on refusal; those errors are returned as they came.
 */
public final class PushClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    public PushClient(URI base, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.base = base;
        this.timeout = timeout;
    }

    /** The stored version as the service shows it. */
    public record Stored(String id, long version, String mode, String createdBy) {
    }

    public Stored push(String id, PolicyFiles.Source doc, String token, String actor, String comment) {
        String path = "/api/policies/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        if (comment != null && !comment.isBlank()) {
            path += "?comment=" + URLEncoder.encode(comment, StandardCharsets.UTF_8).replace("+", "%20");
        }
        URI uri = base.resolve(stripSlash(base.getPath()) + path);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", doc.yaml() ? "application/yaml" : "application/json")
                .header("Accept", "application/json, application/problem+json")
                .PUT(HttpRequest.BodyPublishers.ofString(doc.text(), StandardCharsets.UTF_8));
        if (token != null && !token.isBlank()) {
            req.header("Authorization", "Bearer " + token.strip());
        }
        if (actor != null && !actor.isBlank()) {
            req.header("X-Actor", actor.strip());
        }
        HttpResponse<String> res;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new CliException("policy-service is not reachable at " + base + " (connection refused); "
                    + "is it running? (--url)", CliException.EXIT_UNREACHABLE);
        } catch (HttpTimeoutException e) {
            throw new CliException("policy-service at " + base + " did not answer within " + timeout.toSeconds() + " s",
                    CliException.EXIT_UNREACHABLE);
        } catch (IOException e) {
            throw new CliException("policy-service is not reachable at " + base + ": " + e, CliException.EXIT_UNREACHABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        JsonNode body = parse(res.body());
        if (res.statusCode() / 100 != 2) {
            throw new CliException(Problems.describe(res.statusCode(), body, res.body()));
        }
        if (body == null) {
            throw new CliException("policy-service answered " + res.statusCode() + " without a JSON body");
        }
        return new Stored(body.path("id").asText(id), body.path("version").asLong(), body.path("mode").asText(""),
                body.path("created_by").asText(""));
    }

    private static String stripSlash(String p) {
        return p == null ? "" : p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static JsonNode parse(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            return null;
        }
    }
}
