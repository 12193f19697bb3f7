package dev.mcpgateway.demo.transport.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.demo.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stdio stand-in end to end: a separate JVM running StdioMain (what bin/smartlead-stdio runs),
 * spoken to through its pipes. StdioLauncherIT does the same through the launcher script.
 */
class StdioTransportTest {

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static Process start(List<String> command, Path stderr) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SMARTLEAD_API_KEY", "demo");
        builder.redirectError(stderr.toFile());
        return builder.start();
    }

    /** Logs belong on stderr, and a clean start logs no errors there. */
    static void assertCleanStderr(Path stderr) throws IOException {
        String log = Files.readString(stderr);
        assertFalse(log.contains("Exception") || log.contains("SLF4J(E)") || log.contains("SLF4J(W)"), log);
    }

    @Test
    void speaksMcpOverPipes() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = Files.createTempFile("stdio-stderr", ".log");
        process = start(List.of(java, "-cp", System.getProperty("java.class.path"), StdioMain.class.getName()), stderr);
        converse(process);
        assertCleanStderr(stderr);
    }

    /** One conversation, checked line by line; shared with the launcher IT. */
    static void converse(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);

        assertEquals(StdioServer.BANNER, out.readLine(), "a non-JSON banner comes first, like the original");

        send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        JsonNode init = Json.MAPPER.readTree(out.readLine());
        assertEquals(1, init.path("id").asInt());
        assertEquals("2025-06-18", init.path("result").path("protocolVersion").asText());
        assertEquals(StdioServer.CONNECTED, out.readLine(), "a second non-JSON line follows the initialize reply");

        send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        JsonNode list = Json.MAPPER.readTree(out.readLine());
        assertEquals(2, list.path("id").asInt(), "the notification got no reply");
        assertEquals(116, list.path("result").path("tools").size());

        send(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"smartlead_create_campaign\","
                + "\"arguments\":{\"name\":\"Over stdio\"}}}");
        JsonNode created = Json.MAPPER.readTree(Json.MAPPER.readTree(out.readLine())
                .path("result").path("content").path(0).path("text").asText());
        long id = created.path("id").asLong();
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"smartlead_get_campaign\","
                + "\"arguments\":{\"campaign_id\":" + id + "}}}");
        assertTrue(out.readLine().contains("Over stdio"), "the created campaign is there");

        send(in, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"smartlead_get_campaign\","
                + "\"arguments\":{\"campaign_id\":\"x\"}}}");
        assertEquals(-32602, Json.MAPPER.readTree(out.readLine()).path("error").path("code").asInt());
        send(in, "this is not json");
        JsonNode parseError = Json.MAPPER.readTree(out.readLine());
        assertEquals(-32700, parseError.path("error").path("code").asInt());
        assertTrue(parseError.path("id").isNull());

        in.close();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "exits when stdin closes");
        assertEquals(0, process.exitValue());
    }

    private static void send(Writer in, String line) throws IOException {
        in.write(line + "\n");
        in.flush();
    }
}
