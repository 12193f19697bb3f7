package dev.mcpgateway.audit.cli;

import dev.mcpgateway.cli.CliException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The REST calls of the audit CLI against audit-service: JSON answers as trees, exports streamed through
 * without holding them. A problem+json answer becomes a {@link CliException} with exit 1; no connection
 * at all becomes exit 2.
 */
final class AuditClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final String token;

    /** {@code token}: the operator token sent as a bearer token (none when null or blank). */
    AuditClient(URI base, Duration timeout, String token) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.base = base;
        this.timeout = timeout;
        this.token = token == null || token.isBlank() ? null : token.strip();
    }

    URI base() {
        return base;
    }

    JsonNode getJson(String path, Map<String, String> query) {
        HttpResponse<InputStream> res = send(path, query, "application/json");
        try (InputStream body = res.body()) {
            byte[] bytes = body.readAllBytes();
            if (res.statusCode() / 100 != 2) {
                throw problem(res.statusCode(), bytes);
            }
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new CliException("audit-service sent an unreadable answer: " + e.getMessage(), CliException.EXIT_FAILED);
        }
    }

    /** Copies the body to {@code out} as it arrives; returns the bytes copied. */
    long stream(String path, Map<String, String> query, OutputStream out) {
        HttpResponse<InputStream> res = send(path, query, "*/*");
        try (InputStream body = res.body()) {
            if (res.statusCode() / 100 != 2) {
                throw problem(res.statusCode(), body.readAllBytes());
            }
            return body.transferTo(out);
        } catch (IOException e) {
            throw new CliException("the export stopped: " + e.getMessage(), CliException.EXIT_FAILED);
        }
    }

    private HttpResponse<InputStream> send(String path, Map<String, String> query, String accept) {
        URI uri = URI.create(stripSlash(base.toString()) + path + queryString(query));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Accept", accept).timeout(timeout);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest req = builder.GET().build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw unreachable("cannot connect");
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", CliException.EXIT_FAILED);
        }
    }

    private CliException unreachable(String why) {
        return new CliException("audit-service is not reachable at " + base + " (" + why + "); is it running? "
                + "(--url or AUDIT_URL)", CliException.EXIT_UNREACHABLE);
    }

    /** "400 Bad Request: limit must be from 1 to 1000, not 5000". */
    static CliException problem(int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        String message;
        try {
            JsonNode p = JSON.readTree(body);
            message = p != null && p.isObject()
                    ? status + " " + p.path("title").asText("Error") + (p.hasNonNull("detail") ? ": " + p.get("detail").asText() : "")
                    : status + (text.isEmpty() ? "" : ": " + abbreviate(text));
        } catch (IOException e) {
            message = status + (text.isEmpty() ? "" : ": " + abbreviate(text));
        }
        return new CliException("audit-service answered " + message, CliException.EXIT_FAILED);
    }

    static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner("&", "?", "");
        query.forEach((k, v) -> j.add(encode(k) + "=" + encode(v)));
        return j.toString();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
