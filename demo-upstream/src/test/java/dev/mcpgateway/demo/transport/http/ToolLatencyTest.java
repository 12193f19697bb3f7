package dev.mcpgateway.demo.transport.http;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * demo.http.tool-latency holds each tools/call answer back on a timer, as a remote API would: the answer is the
 * same, it arrives no sooner than the latency, other methods are not delayed, and calls wait side by side (no
 * thread is held per call).
 */
@QuarkusTest
@TestProfile(ToolLatencyTest.Latency.class)
class ToolLatencyTest {
    static final long LATENCY_MS = 400;

    public static class Latency implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("demo.http.tool-latency", LATENCY_MS + "ms");
        }
    }

    private static RequestSpecification mcp() {
        return RestAssured.given().contentType(ContentType.JSON).accept("application/json, text/event-stream");
    }

    private static String openSession() {
        return mcp().body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}")
                .post("/mcp").then().statusCode(200).extract().header("Mcp-Session-Id");
    }

    private static void call(String session, int id) {
        mcp().header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":"
                        + "\"smartlead_get_campaign\",\"arguments\":{\"campaign_id\":3001}}}")
                .post("/mcp").then().statusCode(200).body("id", equalTo(id)).body("result.content[0].type", equalTo("text"));
    }

    @Test
    void toolCallsAnswerAfterTheLatencyAndSideBySide() {
        String session = openSession();
        long t0 = System.nanoTime();
        call(session, 2);
        long oneMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(oneMs >= LATENCY_MS, "a tools/call is answered after the latency, took " + oneMs + " ms");

        // Eight calls at once: held on timers, they end together, not one latency after another.
        long t1 = System.nanoTime();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int id = 10 + i;
            calls.add(CompletableFuture.runAsync(() -> call(session, id)));
        }
        calls.forEach(CompletableFuture::join);
        long eightMs = (System.nanoTime() - t1) / 1_000_000;
        assertTrue(eightMs >= LATENCY_MS && eightMs < 4 * LATENCY_MS,
                "eight concurrent calls wait side by side, took " + eightMs + " ms");
    }

    private static void ping(String session, int id) {
        mcp().header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}")
                .post("/mcp").then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void otherMethodsAreNotHeldBack() {
        String session = openSession();
        ping(session, 3); // the first request of a fresh app loads classes for a while: not what is measured
        long t0 = System.nanoTime();
        ping(session, 4);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < LATENCY_MS, "ping is answered at once, took " + ms + " ms");
    }
}
