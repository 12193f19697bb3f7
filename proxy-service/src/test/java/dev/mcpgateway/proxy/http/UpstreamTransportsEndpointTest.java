package dev.mcpgateway.proxy.http;

import static dev.mcpgateway.proxy.testing.Mcp.call;
import static dev.mcpgateway.proxy.testing.Mcp.client;
import static dev.mcpgateway.proxy.testing.Mcp.initialize;
import static dev.mcpgateway.proxy.testing.Mcp.newSession;
import static dev.mcpgateway.proxy.testing.Mcp.session;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpgateway.proxy.testing.FakeLegacySseServer;
import dev.mcpgateway.proxy.testing.FakePolicyService;
import dev.mcpgateway.proxy.testing.FakeServicesResource;
import dev.mcpgateway.proxy.testing.FakeUpstream;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Each transport by name in configuration, through the gateway's own endpoint. */
@QuarkusTest
@QuarkusTestResource(FakeServicesResource.class)
class UpstreamTransportsEndpointTest {

    @Test
    void theAgentsTokenNeverReachesAnHttpUpstreamOnlyTheGatewaysCredentialDoes() {
        FakeUpstream.AUTHORIZATION.clear();
        String s = newSession("/mcp/smartlead");
        session(s).body(call(2, "allowed_tool", "{}")).post("/mcp/smartlead").then().statusCode(200);
        assertFalse(FakeUpstream.AUTHORIZATION.isEmpty());
        assertTrue(FakeUpstream.AUTHORIZATION.stream().allMatch("Bearer upstream-credential"::equals),
                "seen upstream: " + FakeUpstream.AUTHORIZATION);
        assertTrue(FakeUpstream.AUTHORIZATION.stream().noneMatch(h -> h.contains(FakePolicyService.TOKEN)));
    }

    @Test
    void aStdioUpstreamIsServedWithItsOwnToolsAndTheGatewaysCredentials() {
        String s = newSession("/mcp/local");
        session(s).body(call(2, "echo", "{\"text\":\"over stdio\"}")).post("/mcp/local")
                .then().statusCode(200).body("id", equalTo(2)).body("result.content[0].text", equalTo("echo: over stdio"));
        session(s).body(call(3, "env_secret", "{}")).post("/mcp/local")
                .then().statusCode(200).body("result.content[0].text", equalTo("gateway-held-secret"));
    }

    @Test
    void aStdioProcessThatDiesIsRestartedAndTheSessionGoesOn() {
        String s = newSession("/mcp/local");
        session(s).body(call(2, "crash", "{}")).post("/mcp/local")
                .then().statusCode(200).body("error.code", equalTo(-32050))
                .body("error.message", containsString("'local'"))
                .body("error.message", containsString("exited"));
        session(s).body(call(3, "echo", "{\"text\":\"again\"}")).post("/mcp/local")
                .then().statusCode(200).body("result.content[0].text", equalTo("echo: again"));
    }

    @Test
    void aLegacySseUpstreamIsServedOverStreamableHttp() {
        FakeLegacySseServer.AUTHORIZATION.clear();
        client(FakePolicyService.TOKEN).body(initialize(1, "2025-06-18")).post("/mcp/legacy")
                .then().statusCode(200).body("result.serverInfo.name", equalTo("fake-legacy"));
        String s = newSession("/mcp/legacy");
        // The upstream logs before it answers, so the answer comes as an event stream: log message, then response.
        String body = session(s).body(call(2, "echo", "{\"text\":\"old\"}")).post("/mcp/legacy")
                .then().statusCode(200).contentType(containsString("text/event-stream")).extract().asString();
        assertTrue(body.indexOf("notifications/message") < body.indexOf("legacy echo: old") && body.contains("\"id\":2"), body);
        assertTrue(FakeLegacySseServer.AUTHORIZATION.stream().allMatch("null"::equals),
                "no upstream credential configured, and the agent's token is not forwarded: " + FakeLegacySseServer.AUTHORIZATION);
    }
}
