package dev.mcpgateway.proxy.http;

import static dev.mcpgateway.proxy.testing.Mcp.call;
import static dev.mcpgateway.proxy.testing.Mcp.client;
import static dev.mcpgateway.proxy.testing.Mcp.initialize;
import static dev.mcpgateway.proxy.testing.Mcp.newSession;
import static dev.mcpgateway.proxy.testing.Mcp.session;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.proxy.testing.FakePolicyService;
import dev.mcpgateway.proxy.testing.FakeServicesResource;
import dev.mcpgateway.proxy.testing.FakeUpstream;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** proxy.virtual-servers.suite = smartlead (Streamable HTTP), legacy (HTTP+SSE) and down (unreachable). */
@QuarkusTest
@QuarkusTestResource(FakeServicesResource.class)
class VirtualServerEndpointTest {

    private static final String SUITE = "/mcp/suite";

    @Test
    void initializeSpeaksForAllAndToolsAreListedPrefixedAndFilteredPerRealServer() {
        client(FakePolicyService.TOKEN).body(initialize(1, "2025-11-25")).post(SUITE)
                .then().statusCode(200).body("result.serverInfo.name", equalTo("suite"))
                .body("result.capabilities.tools", org.hamcrest.Matchers.notNullValue());
        String s = newSession(SUITE);
        List<String> names = session(s).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").post(SUITE)
                .then().statusCode(200).extract().path("result.tools.name");
        // hidden_tool is hidden by policy for server smartlead; "down" is unreachable: its tools just drop out.
        assertEquals(List.of("smartlead__allowed_tool", "smartlead__denied_tool", "legacy__echo"), names);
    }

    @Test
    void callsAreRoutedByPrefixAndPolicyDecidesOnTheRealServerAndTool() {
        String s = newSession(SUITE);
        FakeUpstream.RECEIVED.clear();
        session(s).body(call(3, "smartlead__allowed_tool", "{}")).post(SUITE)
                .then().statusCode(200).body("id", equalTo(3)).body("result.content[0].text", equalTo("upstream ran allowed_tool"));
        assertEquals("allowed_tool", FakeUpstream.calls("allowed_tool").get(0).path("params").path("name").asText());
        DecideRequest decided = FakePolicyService.DECIDES.get(FakePolicyService.DECIDES.size() - 1);
        assertEquals("smartlead", decided.getServer());
        assertEquals("allowed_tool", decided.getTool());

        session(s).body(call(4, "smartlead__denied_tool", "{}")).post(SUITE)
                .then().statusCode(200).body("result.isError", equalTo(true))
                .body("result._meta.'dev.mcpgateway/decision'.decision", equalTo("DENY"));
        assertTrue(FakeUpstream.calls("denied_tool").isEmpty());

        String legacy = session(s).body(call(5, "legacy__echo", "{\"text\":\"v\"}")).post(SUITE)
                .then().statusCode(200).extract().asString();
        assertTrue(legacy.contains("legacy echo: v"), legacy);

        session(s).body(call(6, "nowhere__x", "{}")).post(SUITE)
                .then().statusCode(200).body("error.code", equalTo(-32602)).body("error.message", containsString("no tool named"));
    }

    @Test
    void anExpiringUpstreamIsReinitializedAndADownOneFailsOnlyItsOwnCalls() {
        String s = newSession(SUITE);
        FakeUpstream.SESSIONS.clear(); // smartlead forgets every session
        session(s).body(call(7, "smartlead__allowed_tool", "{}")).post(SUITE)
                .then().statusCode(200).body("result.content[0].text", equalTo("upstream ran allowed_tool"));
        session(s).body(call(8, "down__anything", "{}")).post(SUITE)
                .then().statusCode(200).body("error.code", equalTo(-32050)).body("error.message", containsString("'down'"));
        String legacy = session(s).body(call(9, "legacy__echo", "{\"text\":\"still\"}")).post(SUITE).then().statusCode(200)
                .extract().asString();
        assertTrue(legacy.contains("legacy echo: still"), legacy);
    }
}
