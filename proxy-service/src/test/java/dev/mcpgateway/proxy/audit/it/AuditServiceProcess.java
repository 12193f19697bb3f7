package dev.mcpgateway.proxy.audit.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.proxy.audit.AuditJson;
import dev.mcpgateway.testsupport.PackagedService;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The packaged audit-service ({@code audit-service/target/quarkus-app}, which {@code mvn verify} from the top builds
 * before proxy-service: proxy-service's pom declares the module dependency) run as a separate JVM, as in production
 * ({@link PackagedService}): it consumes the given broker's topic with a consumer group of its own into the IT database
 * ({@code mcp_audit_test}), and the test reads the rows back through its REST API with an operator token of its own.
 * Set {@code -Daudit-service.jar=PATH} to run another build.
 */
public final class AuditServiceProcess implements AutoCloseable {

    private static final String DB_URL = "postgresql://127.0.0.1:5432/mcp_audit_test";

    private final PackagedService service;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AuditServiceProcess(PackagedService service, String token) {
        this.service = service;
        this.token = token;
    }

    /** Starts the service on a free port, consuming {@code topic} (its DLQ is {@code topic.dlq}); does not wait for it. */
    public static AuditServiceProcess start(String bootstrap, String topic, Path dir) throws IOException {
        PackagedService.Builder audit = PackagedService.of("audit-service");
        Files.createDirectories(dir);
        String token = "mgw_op_proxy_it_" + UUID.randomUUID().toString().replace("-", "");
        Path tokens = dir.resolve("operator-tokens.txt");
        Files.writeString(tokens, "proxy-it viewer " + sha256(token) + "\n", StandardCharsets.UTF_8);
        PackagedService service = audit
                .property("quarkus.datasource.reactive.url", DB_URL)
                .property("kafka.bootstrap.servers", bootstrap)
                .property("mp.messaging.incoming.decisions.topic", topic)
                .property("mp.messaging.incoming.decisions.group.id", "audit-delivery-it-" + UUID.randomUUID())
                .property("mp.messaging.outgoing.decisions-dlq.topic", topic + ".dlq")
                .property("operator.auth.tokens-file", tokens.toAbsolutePath().toString())
                .property("audit.retention.every", "off")
                .start("delivery-it");
        return new AuditServiceProcess(service, token);
    }

    /** Waits until /q/health/ready answers 200 (database migrated, consumer connected). */
    public void awaitReady(Duration max) throws IOException, InterruptedException {
        service.awaitReady(max);
    }

    /** Every stored event of this session, all pages of {@code GET /api/audit/events?session=…}. */
    public List<JsonNode> events(String session) throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            String query = "session=" + enc(session) + "&limit=1000" + (cursor == null ? "" : "&cursor=" + enc(cursor));
            HttpRequest get = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/audit/events?" + query))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET /api/audit/events?" + query + " answered " + r.statusCode() + ": " + r.body());
            }
            JsonNode page = AuditJson.MAPPER.readTree(r.body());
            page.path("items").forEach(out::add);
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return out;
    }

    public Path log() {
        return service.log();
    }

    /** SIGTERM (a normal shutdown), forced after 30 s. */
    @Override
    public void close() throws InterruptedException {
        service.close();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
