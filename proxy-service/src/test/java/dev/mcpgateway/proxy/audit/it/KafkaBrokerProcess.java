package dev.mcpgateway.proxy.audit.it;

import dev.mcpgateway.testsupport.PackagedService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker of this test's own (KRaft, one node), run as a separate JVM from the broker jars that
 * {@code ./gateway} fetches into {@code .run/kafka-dist/libs}, on free ports with its data under
 * {@code target/}: the test stops and starts it for real without touching the shared broker at 9092.
 * Set {@code -Dkafka.dist.libs=DIR} to use other jars.
 */
public final class KafkaBrokerProcess {

    private final Path dir;
    private final Path libs;
    private final int port;
    private final int controllerPort;
    private Process process;

    public KafkaBrokerProcess(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath();
        this.libs = libs();
        int[] ports = PackagedService.freePorts(2); // distinct: the broker refuses one port for both listeners
        this.port = ports[0];
        this.controllerPort = ports[1];
    }

    static Path libs() {
        String configured = System.getProperty("kafka.dist.libs");
        Path p = configured != null ? Path.of(configured) : Path.of("..", ".run", "kafka-dist", "libs").toAbsolutePath().normalize();
        if (!Files.isDirectory(p) || !Files.exists(p.resolveSibling(".complete")) && configured == null) {
            throw new IllegalStateException("No Kafka broker jars at " + p + ": run './gateway test' (or './gateway up' once, "
                    + "which fetches them), or pass -Dkafka.dist.libs=DIR");
        }
        return p;
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Fresh data directory, formatted storage, broker started and answering. */
    public void format() throws Exception {
        deleteTree(dir);
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.console.ref = STDOUT",
                "logger.org.name = org.apache.kafka",
                "logger.org.level = WARN",
                ""), StandardCharsets.UTF_8);
        Process fmt = java("kafka.tools.StorageTool", "format", "--standalone", "-t", Uuid.randomUuid().toString(),
                "-c", dir.resolve("server.properties").toString()).start();
        if (!fmt.waitFor(120, TimeUnit.SECONDS) || fmt.exitValue() != 0) {
            fmt.destroyForcibly();
            throw new IllegalStateException("formatting the test broker's storage failed; see " + dir.resolve("kafka.log"));
        }
    }

    public void start() throws Exception {
        process = java("kafka.Kafka", dir.resolve("server.properties").toString()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!answers()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the test broker exited; see " + dir.resolve("kafka.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the test broker did not start within 90 s; see " + dir.resolve("kafka.log"));
            }
            Thread.sleep(200);
        }
    }

    /** A clean stop (SIGTERM, as an operator or Kubernetes stops a broker); forced after 60 s. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    public void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
    }

    private boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException e) {
            return false;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private ProcessBuilder java(String main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Xms64m", "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp", libs.toString() + "/*", main));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kafka.log").toFile()));
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
