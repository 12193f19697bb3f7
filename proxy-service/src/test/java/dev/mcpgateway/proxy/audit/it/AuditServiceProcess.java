package dev.mcpgateway.proxy.audit.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.proxy.audit.AuditJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;

/**
 * The packaged audit-service ({@code audit-service/target/quarkus-app}, which {@code mvn verify} from the top builds
 * before proxy-service: proxy-service's pom declares the module dependency) run as a separate JVM, as in production:
 * it consumes the given broker's topic with a consumer group of its own into the IT database
 * ({@code mcp_audit_test}), and the test reads the rows back through its REST API with an operator token of its own.
 * Set {@code -Daudit.service.jar=PATH} to run another build.
 */
public final class AuditServiceProcess implements AutoCloseable {

    private static final String DB_URL = "postgresql://127.0.0.1:5432/mcp_audit_test";

    private final Process process;
    private final Path log;
    private final int port;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AuditServiceProcess(Process process, Path log, int port, String token) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.token = token;
    }

    /** The packaged jar, or a clear failure saying how to build it. */
    static Path jar() {
        String configured = System.getProperty("audit.service.jar");
        Path jar = configured != null ? Path.of(configured)
                : Path.of("..", "audit-service", "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged audit-service at " + jar + ": this IT runs the real service. Build it "
                    + "first ('mvn -pl audit-service -am package -DskipTests'; 'mvn verify' or './gateway test' from the "
                    + "top builds it before proxy-service), or pass -Daudit.service.jar=PATH");
        }
        return jar;
    }

    /** Starts the service on a free port, consuming {@code topic} (its DLQ is {@code topic.dlq}); does not wait for it. */
    public static AuditServiceProcess start(String bootstrap, String topic, Path dir) throws IOException {
        Path jar = jar();
        Files.createDirectories(dir);
        String token = "mgw_op_proxy_it_" + UUID.randomUUID().toString().replace("-", "");
        Path tokens = dir.resolve("operator-tokens.txt");
        Files.writeString(tokens, "proxy-it viewer " + sha256(token) + "\n", StandardCharsets.UTF_8);
        Path log = dir.resolve("audit-service.log");
        int port = freePort();
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.datasource.reactive.url=" + DB_URL,
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dmp.messaging.incoming.decisions.topic=" + topic,
                "-Dmp.messaging.incoming.decisions.group.id=audit-delivery-it-" + UUID.randomUUID(),
                "-Dmp.messaging.outgoing.decisions-dlq.topic=" + topic + ".dlq",
                "-Doperator.auth.tokens-file=" + tokens.toAbsolutePath(),
                "-Daudit.retention.every=off",
                "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new AuditServiceProcess(p, log, port, token);
    }

    /** Waits until /q/health/ready answers 200 (database migrated, consumer connected). */
    public void awaitReady(Duration max) throws IOException, InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base() + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("audit-service exited at start:\n" + Files.readString(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("audit-service not ready after " + max + "; see " + log);
    }

    /** Every stored event of this session, all pages of {@code GET /api/audit/events?session=…}. */
    public List<JsonNode> events(String session) throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            String query = "session=" + enc(session) + "&limit=1000" + (cursor == null ? "" : "&cursor=" + enc(cursor));
            HttpRequest get = HttpRequest.newBuilder(URI.create(base() + "/api/audit/events?" + query))
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
        return log;
    }

    /** SIGTERM (a normal shutdown), forced after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
