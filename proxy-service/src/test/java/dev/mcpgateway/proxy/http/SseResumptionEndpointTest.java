package dev.mcpgateway.proxy.http;

import static dev.mcpgateway.proxy.testing.Mcp.call;
import static dev.mcpgateway.proxy.testing.Mcp.newSession;
import static dev.mcpgateway.proxy.testing.Mcp.session;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpgateway.proxy.testing.FakePolicyService;
import dev.mcpgateway.proxy.testing.FakeServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Event ids on every stream, and Last-Event-ID on GET replaying only the named stream's missed messages. */
@QuarkusTest
@QuarkusTestResource(FakeServicesResource.class)
class SseResumptionEndpointTest {

    private static final String MCP = "/mcp/smartlead";
    private static final Pattern ID = Pattern.compile("id: (\\S+)\\n");

    @Test
    void aPostStreamIsResumedWithOnlyWhatTheClientMissed() {
        String s = newSession(MCP);
        String body = session(s).body(call(9, "progress_tool", "{}")).post(MCP).then().statusCode(200).extract().asString();
        List<String> ids = ids(body);
        assertEquals(2, ids.size(), body);
        String stream = ids.get(0).substring(0, ids.get(0).lastIndexOf('.'));
        assertTrue(stream.startsWith("p"), "a POST stream: " + ids);
        assertEquals(List.of(stream + ".1", stream + ".2"), ids);

        // The client saw only the progress event: resuming gives it the response, and nothing of other streams.
        String resumed = get(s, ids.get(0));
        assertEquals(List.of(stream + ".2"), ids(resumed), resumed);
        assertTrue(resumed.contains("done with progress"), resumed);
        assertFalse(resumed.contains("notifications/progress"), "already delivered: " + resumed);
        assertFalse(resumed.contains("list_changed"), "a GET-stream message must not be replayed on a POST stream: " + resumed);
    }

    @Test
    void theGetStreamIsResumedAfterTheLastEventTheClientSaw() {
        String s = newSession(MCP);
        String first = get(s, null);
        List<String> firstIds = ids(first);
        assertEquals(1, firstIds.size(), first);
        String stream = firstIds.get(0).substring(0, firstIds.get(0).lastIndexOf('.'));

        // Resuming from before the first event replays it, then the stream goes on live (numbering continues).
        String again = get(s, stream + ".0");
        assertEquals(List.of(stream + ".1", stream + ".2"), ids(again), again);
        String later = get(s, stream + ".2");
        assertEquals(List.of(stream + ".3"), ids(later), "nothing replayed that the client already has: " + later);
    }

    @Test
    void anUnknownLastEventIdJustOpensTheStream() {
        String s = newSession(MCP);
        String body = get(s, "nonsense");
        assertEquals(1, ids(body).size(), body);
    }

    private static String get(String session, String lastEventId) {
        var spec = given().header("Authorization", "Bearer " + FakePolicyService.TOKEN).header("Mcp-Session-Id", session)
                .accept("text/event-stream");
        if (lastEventId != null) {
            spec = spec.header("Last-Event-ID", lastEventId);
        }
        return spec.get(MCP).then().statusCode(200).extract().asString();
    }

    private static List<String> ids(String body) {
        List<String> ids = new ArrayList<>();
        Matcher m = ID.matcher(body);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
