package dev.mcpgateway.proxy.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.proxy.jsonrpc.Json;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One running stdio MCP server: newline-delimited JSON-RPC on its stdin/stdout, its stderr logged.
 * Lines on stdout that are not JSON objects (banners such as "SmartLead MCP Server running on stdio")
 * are skipped and logged. Pipe I/O blocks, so it happens on the process's own daemon threads, never on
 * an event loop; writes are queued to one writer thread so callers never block either.
 */
final class StdioProcess {

    private static final Logger LOG = Logger.getLogger(StdioProcess.class);

    /** How the process is started. */
    record Spec(String upstream, List<String> command, Map<String, String> env, String workingDir) {
    }

    private final Spec spec;
    private final Process process;
    private final MessageSession session;
    private final ExecutorService writer;
    private final long startedAtNanos = System.nanoTime();
    private final int maxLineBytes;
    private volatile boolean stopping;

    private StdioProcess(Spec spec, Process process, Vertx vertx, long timeoutMs, boolean remapIds, int maxLineBytes,
                         Consumer<StdioProcess> onExit) {
        this.spec = spec;
        this.process = process;
        this.maxLineBytes = maxLineBytes;
        String tag = spec.upstream() + "-" + process.pid();
        this.writer = Executors.newSingleThreadExecutor(r -> daemon(r, "stdio-write-" + tag));
        this.session = new MessageSession(spec.upstream(), this::write, vertx, timeoutMs, remapIds);
        daemon(this::readStdout, "stdio-out-" + tag).start();
        daemon(this::readStderr, "stdio-err-" + tag).start();
        process.onExit().thenAccept(p -> {
            String why = "the stdio process exited with code " + p.exitValue();
            if (stopping) {
                LOG.infof("upstream %s: stopped stdio process %d", spec.upstream(), p.pid());
            } else {
                LOG.warnf("upstream %s: %s", spec.upstream(), why);
            }
            session.close(new UpstreamException(UpstreamException.Kind.UNREACHABLE, why, timeoutMs));
            writer.shutdownNow();
            onExit.accept(this);
        });
    }

    /** Starts the process (blocking: fork and exec; call it off the event loop). */
    static StdioProcess start(Spec spec, Vertx vertx, long timeoutMs, boolean remapIds, int maxLineBytes,
                              Consumer<StdioProcess> onExit) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(spec.command()));
        pb.environment().putAll(spec.env());
        if (spec.workingDir() != null) {
            pb.directory(new File(spec.workingDir()));
        }
        try {
            Process p = pb.start();
            LOG.infof("upstream %s: started stdio process %d (%s)", spec.upstream(), p.pid(), spec.command().get(0));
            return new StdioProcess(spec, p, vertx, timeoutMs, remapIds, maxLineBytes, onExit);
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.UNREACHABLE,
                    "could not start " + spec.command().get(0) + ": " + e.getMessage(), timeoutMs);
        }
    }

    MessageSession session() {
        return session;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive() && !session.isClosed();
    }

    /** Whether the gateway ended it (DELETE, shutdown) rather than the process dying by itself. */
    boolean stoppedByGateway() {
        return stopping;
    }

    long uptimeMs() {
        return (System.nanoTime() - startedAtNanos) / 1_000_000;
    }

    /** Closes stdin (the polite way to end a stdio server), then terminates, then kills. */
    void stop() {
        stopping = true;
        try {
            writer.execute(() -> closeQuietly(process.getOutputStream()));
        } catch (RejectedExecutionException ignored) {
            // already stopping
        }
        process.onExit().orTimeout(2, TimeUnit.SECONDS).exceptionally(t -> {
            process.destroy();
            process.onExit().orTimeout(2, TimeUnit.SECONDS).exceptionally(t2 -> {
                process.destroyForcibly();
                return null;
            });
            return null;
        });
    }

    private void write(byte[] message, Consumer<UpstreamException> onFailure) {
        try {
            writer.execute(() -> {
                try {
                    OutputStream out = process.getOutputStream();
                    out.write(message);
                    out.write('\n');
                    out.flush();
                } catch (IOException e) {
                    onFailure.accept(new UpstreamException(UpstreamException.Kind.UNREACHABLE,
                            "could not write to the stdio process: " + e.getMessage(), 0));
                }
            });
        } catch (RejectedExecutionException e) {
            onFailure.accept(new UpstreamException(UpstreamException.Kind.SESSION_EXPIRED, "the stdio process has exited", 0));
        }
    }

    private void readStdout() {
        try (InputStream in = process.getInputStream()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
            boolean tooLong = false;
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        if (tooLong) {
                            LOG.warnf("upstream %s: skipped a stdout line longer than %d bytes", spec.upstream(), maxLineBytes);
                        } else {
                            onLine(line.toByteArray());
                        }
                        line.reset();
                        tooLong = false;
                    } else if (!tooLong) {
                        if (line.size() >= maxLineBytes) {
                            tooLong = true;
                        } else {
                            line.write(b);
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.debugf("upstream %s: stdout closed: %s", spec.upstream(), e.getMessage());
        }
    }

    private void onLine(byte[] bytes) {
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        if (end == 0) {
            return;
        }
        byte[] raw = end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end);
        JsonNode node = null;
        if (raw[0] == '{') {
            try {
                node = Json.MAPPER.readTree(raw);
            } catch (IOException ignored) {
                // not JSON: logged below
            }
        }
        if (node instanceof ObjectNode obj) {
            try {
                session.onMessage(obj, raw);
            } catch (RuntimeException e) {
                LOG.warnf(e, "upstream %s: could not route a message", spec.upstream());
            }
        } else {
            LOG.infof("upstream %s: skipped a non-JSON line on stdout: %s", spec.upstream(), clip(raw));
        }
    }

    private void readStderr() {
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = reader.readLine()) != null) {
                LOG.infof("upstream %s stderr: %s", spec.upstream(), l.length() > 2000 ? l.substring(0, 2000) + "…" : l);
            }
        } catch (IOException e) {
            LOG.debugf("upstream %s: stderr closed: %s", spec.upstream(), e.getMessage());
        }
    }

    private static String clip(byte[] raw) {
        String s = new String(raw, 0, Math.min(raw.length, 300), StandardCharsets.UTF_8);
        return raw.length > 300 ? s + "…" : s;
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // the process is going away anyway
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
