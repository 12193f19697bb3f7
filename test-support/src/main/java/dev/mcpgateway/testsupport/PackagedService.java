package dev.mcpgateway.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as its own JVM, as in production,
 * for the ITs that restart a service or run one next to another: started on a free loopback port with system
 * properties, awaited on {@code /q/health/ready}, stopped with SIGTERM (an orderly shutdown) or killed. The jar
 * runs in the prod profile, so a test passes every setting it needs; the log goes to a file the failures quote.
 */
public final class PackagedService implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PackagedService(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * The jar of {@code module}: the system property {@code <module>.jar} if set, else the module's own
     * {@code target/quarkus-app} (a test run inside that module) or its sibling's ({@code ../<module>/…}).
     * Missing: a failure that says how to build it.
     */
    public static Path jar(String module) {
        String configured = System.getProperty(module + ".jar");
        if (configured != null) {
            return requireFile(Path.of(configured), module);
        }
        Path here = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        Path cwd = Path.of("").toAbsolutePath();
        Path jar = cwd.getFileName() != null && cwd.getFileName().toString().equals(module) ? here
                : Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        return requireFile(jar, module);
    }

    private static Path requireFile(Path jar, String module) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged " + module + " at " + jar + ": this IT runs the real service. Build it "
                    + "first ('mvn -pl " + module + " -am package -DskipTests'; 'mvn verify' or './gateway test' from the top "
                    + "builds it in order), or pass -D" + module + ".jar=PATH");
        }
        return jar;
    }

    public static Builder of(String module) {
        return new Builder(module, jar(module));
    }

    public static final class Builder {
        private final String name;
        private final Path jar;
        private final Map<String, String> properties = new TreeMap<>();
        private String heap = "256m";
        private int port;

        private Builder(String name, Path jar) {
            this.name = name;
            this.jar = jar;
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** A fixed port (a restarted service that clients find again); default: a free one per start. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        /** Starts the JVM; does not wait for it (see {@link #awaitReady}). {@code label} names the log file. */
        public PackagedService start(String label) throws IOException {
            int p = port != 0 ? port : freePort();
            Path log = Files.createTempFile(name + "-" + label + "-", ".log");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-Dquarkus.http.port=" + p, "-Dquarkus.http.host=127.0.0.1"));
            properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
            cmd.add("-jar");
            cmd.add(jar.toString());
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new PackagedService(name + " (" + label + ")", process, log, p);
        }

        /** {@link #start} and {@link #awaitReady}: a service that cannot get ready is killed and the test fails with its log. */
        public PackagedService startReady(String label, Duration max) throws IOException, InterruptedException {
            PackagedService s = start(label);
            try {
                s.awaitReady(max);
                return s;
            } catch (RuntimeException | Error e) {
                s.kill();
                throw e;
            }
        }
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log if the process exits or time runs out. */
    public void awaitReady(Duration max) throws IOException, InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited at start:\n" + Files.readString(log));
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
        throw new AssertionError(name + " not ready after " + max + ":\n" + Files.readString(log));
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: a crash, nothing flushed or committed on the way out. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM (a normal shutdown), forced after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    public static int freePort() throws IOException {
        return freePorts(1)[0];
    }

    /**
     * {@code n} distinct free ports: all are bound at once before any is released, so two calls cannot hand out the
     * same port (freePort() twice can, once the first socket is closed; a Kafka broker given the same port for two
     * listeners refuses to start).
     */
    public static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>(n);
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
