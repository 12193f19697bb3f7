package dev.mcpgateway.proxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stdio MCP server for tests, run as a child process: newline-delimited JSON-RPC, and, like the
 * SmartLead server, non-JSON lines on stdout (a banner, a log line before some answers). Tools:
 * echo, env_secret (prints FAKE_API_KEY), pid, crash (exits), notify (a log notification and progress
 * first), sample (asks the client for sampling/createMessage and returns its answer), slow (never answers).
 */
public final class FakeStdioServer {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PrintStream OUT = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    private static final Map<String, CompletableFuture<JsonNode>> ASKED = new ConcurrentHashMap<>();

    private FakeStdioServer() {
    }

    /** The command that starts it with this JVM and classpath. */
    public static List<String> command() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), FakeStdioServer.class.getName());
    }

    public static void main(String[] args) throws Exception {
        line("Fake MCP Server running on stdio");
        System.err.println("fake stdio server " + ProcessHandle.current().pid() + " started");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String l;
        while ((l = in.readLine()) != null) {
            JsonNode msg = MAPPER.readTree(l);
            String method = msg.path("method").asText("");
            if (method.isEmpty()) {
                CompletableFuture<JsonNode> f = ASKED.remove(msg.path("id").asText());
                if (f != null) {
                    f.complete(msg);
                }
                continue;
            }
            if (!msg.has("id")) {
                continue;
            }
            JsonNode id = msg.get("id");
            switch (method) {
                case "initialize" -> {
                    ObjectNode r = MAPPER.createObjectNode();
                    r.put("protocolVersion", msg.path("params").path("protocolVersion").asText("2025-06-18"));
                    r.putObject("capabilities").putObject("tools");
                    r.putObject("serverInfo").put("name", "fake-stdio").put("version", "1");
                    respond(id, r);
                }
                case "tools/list" -> {
                    ObjectNode r = MAPPER.createObjectNode();
                    for (String t : List.of("echo", "env_secret", "pid", "crash", "notify", "sample", "slow")) {
                        r.withArray("tools").addObject().put("name", t).putObject("inputSchema").put("type", "object");
                    }
                    respond(id, r);
                }
                case "tools/call" -> new Thread(() -> call(id, msg.path("params"))).start();
                default -> respond(id, MAPPER.createObjectNode());
            }
        }
    }

    private static void call(JsonNode id, JsonNode params) {
        String tool = params.path("name").asText();
        JsonNode args = params.path("arguments");
        switch (tool) {
            case "echo" -> {
                line("calling echo with " + args.path("text").asText()); // a log line on stdout, not JSON
                respond(id, text("echo: " + args.path("text").asText()));
            }
            case "env_secret" -> respond(id, text(String.valueOf(System.getenv("FAKE_API_KEY"))));
            case "pid" -> respond(id, text(String.valueOf(ProcessHandle.current().pid())));
            case "crash" -> System.exit(3);
            case "notify" -> {
                ObjectNode log = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/message");
                log.putObject("params").put("level", "info").put("data", "working");
                line(log.toString());
                JsonNode token = params.path("_meta").path("progressToken");
                if (!token.isMissingNode()) {
                    ObjectNode p = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/progress");
                    p.putObject("params").put("progress", 1).set("progressToken", token);
                    line(p.toString());
                }
                respond(id, text("notified"));
            }
            case "sample" -> {
                String askId = "srv-" + System.nanoTime();
                CompletableFuture<JsonNode> answer = new CompletableFuture<>();
                ASKED.put(askId, answer);
                ObjectNode ask = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", askId)
                        .put("method", "sampling/createMessage");
                ask.putObject("params").put("maxTokens", 10);
                line(ask.toString());
                JsonNode a = answer.join();
                respond(id, text("client said: " + a.path("result").path("content").path("text").asText()));
            }
            case "slow" -> {
                // never answers
            }
            default -> respond(id, text("unknown " + tool));
        }
    }

    private static ObjectNode text(String s) {
        ObjectNode r = MAPPER.createObjectNode();
        r.withArray("content").addObject().put("type", "text").put("text", s);
        return r;
    }

    private static void respond(JsonNode id, JsonNode result) {
        ObjectNode r = MAPPER.createObjectNode().put("jsonrpc", "2.0");
        r.set("id", id);
        r.set("result", result);
        line(r.toString());
    }

    private static synchronized void line(String s) {
        OUT.print(s + "\n");
        OUT.flush();
    }
}
