package dev.mcpgateway.proxy.http;

import static dev.mcpgateway.proxy.testing.Mcp.call;
import static dev.mcpgateway.proxy.testing.Mcp.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.proxy.jsonrpc.Json;
import dev.mcpgateway.proxy.testing.FakePolicyService;
import dev.mcpgateway.proxy.testing.FakeServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random and mutated JSON-RPC bodies against the real endpoint: random bytes, truncated
 * JSON, every field with every wrong type, huge ids, deep nesting, odd unicode, batches of all that.
 * Never a 5xx, never a stack trace, and a valid call still works afterwards. The seed is printed on
 * failure; rerun one with {@code -Dfuzz.seed=N}.
 */
@QuarkusTest
@QuarkusTestResource(FakeServicesResource.class)
class FuzzEndpointTest {

    private static final String MCP = "/mcp/smartlead";
    private static final int CASES = Integer.getInteger("fuzz.cases", 3000);
    private static final Duration BUDGET = Duration.ofSeconds(30);
    private static final List<String> METHODS = List.of("tools/call", "tools/list", "resources/read", "resources/list",
            "resources/templates/list", "resources/subscribe", "prompts/get", "prompts/list", "completion/complete",
            "logging/setLevel", "ping", "initialize", "notifications/cancelled", "notifications/progress",
            "notifications/initialized", "sampling/createMessage", "x", "", "tools/call\u0000", "🛠️/call");
    private static final List<String> FIELDS = List.of("jsonrpc", "id", "method", "params", "result", "error");
    private static final List<String> PARAM_FIELDS = List.of("name", "arguments", "_meta", "cursor", "uri", "ref",
            "progressToken", "requestId", "level", "protocolVersion");

    @Test
    void randomAndMutatedBodiesNeverBreakTheGateway() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        String session = newSession(MCP, "2025-03-26"); // batches are served on this session, so they are exercised too
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://localhost:" + RestAssured.port + MCP);
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int sent = 0;
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < CASES && System.nanoTime() < deadline; i++, sent++) {
            byte[] body = body(random);
            HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .header("Authorization", "Bearer " + FakePolicyService.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (random.nextInt(20) != 0) {
                req.header("Mcp-Session-Id", session);
            }
            HttpResponse<String> resp;
            try {
                resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                throw new AssertionError(describe(seed, i, body, "no answer: " + e), e);
            }
            if (resp.statusCode() >= 500) {
                fail(describe(seed, i, body, "HTTP " + resp.statusCode() + " " + resp.body()));
            }
            statuses.merge(resp.statusCode(), 1, Integer::sum);
            String b = resp.body();
            if (b.contains("\tat ") || b.contains(".java:") || b.contains("Exception:") || b.contains("Exception\"")) {
                fail(describe(seed, i, body, "a stack trace or exception in the answer: " + b));
            }
        }
        System.out.printf("fuzz: %d bodies, seed %d, HTTP statuses %s%n", sent, seed, statuses);
        assertEquals(true, statuses.getOrDefault(200, 0) > 0 && statuses.getOrDefault(400, 0) > 0,
                "the bodies reach both the upstream and the gateway's refusals: " + statuses);
        // Still serving: a valid call on the same session works.
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + FakePolicyService.TOKEN)
                .header("Mcp-Session-Id", session).POST(HttpRequest.BodyPublishers.ofString(call(1, "allowed_tool", "{}"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), "seed " + seed + ": " + ok.body());
        assertEquals("upstream ran allowed_tool",
                Json.MAPPER.readTree(ok.body()).path("result").path("content").path(0).path("text").asText(), "seed " + seed);
    }

    private static String describe(long seed, int index, byte[] body, String what) {
        String shown = new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8);
        return "fuzz seed " + seed + " (rerun with -Dfuzz.seed=" + seed + "), case " + index + ": " + what + "\nbody: " + shown;
    }

    // ---------------------------------------------------------------- generators

    private static byte[] body(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> randomBytes(r);
            case 1 -> truncate(r, Json.bytes(validMessage(r)));
            case 2 -> Json.bytes(wrongField(r, validMessage(r)));
            case 3 -> hugeId(r);
            case 4 -> deep(r);
            case 5 -> unicode(r);
            case 6 -> batch(r);
            default -> Json.bytes(validMessage(r));
        };
    }

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[r.nextInt(300)];
        r.nextBytes(b);
        return b;
    }

    private static byte[] truncate(Random r, byte[] b) {
        return java.util.Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
    }

    private static ObjectNode validMessage(Random r) {
        ObjectNode m = Json.object().put("jsonrpc", "2.0");
        int kind = r.nextInt(10);
        if (kind < 7) {
            if (r.nextBoolean()) {
                m.put("id", r.nextInt(1000));
            } else {
                m.put("id", "id-" + r.nextInt(1000));
            }
        }
        if (kind == 9) {
            m.putObject("result").put("x", 1);
            return m;
        }
        m.put("method", METHODS.get(r.nextInt(METHODS.size())));
        ObjectNode params = m.putObject("params");
        params.put("name", List.of("allowed_tool", "denied_tool", "hidden_tool", "limited_tool", "progress_tool",
                "garbage_tool", "x", "").get(r.nextInt(8)));
        params.putObject("arguments").put("k", r.nextInt());
        if (r.nextBoolean()) {
            params.putObject("_meta").put("progressToken", r.nextInt(5));
        }
        return m;
    }

    private static ObjectNode wrongField(Random r, ObjectNode m) {
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (r.nextBoolean()) {
                m.set(FIELDS.get(r.nextInt(FIELDS.size())), oddValue(r));
            } else {
                JsonNode p = m.get("params");
                if (p instanceof ObjectNode po) {
                    po.set(PARAM_FIELDS.get(r.nextInt(PARAM_FIELDS.size())), oddValue(r));
                }
            }
        }
        return m;
    }

    private static JsonNode oddValue(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> Json.NODES.nullNode();
            case 1 -> Json.NODES.booleanNode(r.nextBoolean());
            case 2 -> Json.NODES.numberNode(r.nextLong());
            case 3 -> Json.NODES.numberNode(r.nextDouble() * 1e300);
            case 4 -> Json.NODES.numberNode(new java.math.BigInteger("9".repeat(1 + r.nextInt(400))));
            case 5 -> Json.NODES.textNode("");
            case 6 -> Json.NODES.textNode(randomUnicode(r, 1 + r.nextInt(50)));
            case 7 -> Json.NODES.arrayNode().add(1).add("two");
            case 8 -> Json.object();
            case 9 -> Json.object().put("type", "ref/prompt").put("name", randomUnicode(r, 5));
            case 10 -> Json.NODES.textNode("x".repeat(r.nextInt(20_000)));
            default -> Json.NODES.numberNode(-r.nextInt(100));
        };
    }

    private static byte[] hugeId(Random r) {
        String id = r.nextBoolean() ? "1" + "0".repeat(1000 + r.nextInt(5000)) : "\"" + "i".repeat(5000 + r.nextInt(50_000)) + "\"";
        return ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] deep(Random r) {
        int depth = 500 + r.nextInt(5000);
        String open = r.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        StringBuilder b = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"allowed_tool\",\"arguments\":{\"x\":");
        b.append(open.repeat(depth)).append("1").append(close.repeat(r.nextInt(4) == 0 ? depth / 2 : depth)).append("}}}");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] unicode(Random r) {
        String[] odd = {"\\ud800", "\\udfff", "\\u0000", "\u202e", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\uFEFF", "\\uZZZZ", "\u00ff\u00fe"};
        String s = "{\"jsonrpc\":\"2.0\",\"id\":\"" + odd[r.nextInt(odd.length)] + "\",\"method\":\"" + odd[r.nextInt(odd.length)]
                + "\",\"params\":{\"name\":\"" + odd[r.nextInt(odd.length)] + randomUnicode(r, 10) + "\"}}";
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(4) == 0 && b.length > 0) {
            b[r.nextInt(b.length)] = (byte) (0x80 | r.nextInt(0x40)); // invalid UTF-8
        }
        return b;
    }

    private static byte[] batch(Random r) {
        StringBuilder b = new StringBuilder("[");
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(r.nextInt(4) == 0 ? String.valueOf(r.nextInt()) : Json.string(r.nextBoolean() ? validMessage(r) : wrongField(r, validMessage(r))));
        }
        return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String randomUnicode(Random r, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int cp = r.nextInt(4) == 0 ? 0x1F300 + r.nextInt(500) : 0x20 + r.nextInt(0x3000);
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 'x';
            }
            b.appendCodePoint(cp);
        }
        return b.toString();
    }
}
