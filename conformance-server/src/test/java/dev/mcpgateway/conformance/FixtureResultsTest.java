package dev.mcpgateway.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mcpgateway.conformance.media.Media;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The exact results the conformance scenarios document, read back over Streamable HTTP. */
@QuarkusTest
class FixtureResultsTest {

    @Test
    void simpleTextToolReturnsTheDocumentedText() {
        JsonPath result = McpTestClient.connect().result("tools/call", Map.of("name", "test_simple_text", "arguments", Map.of()));
        assertEquals("text", result.getString("content[0].type"));
        assertEquals("This is a simple text response for testing.", result.getString("content[0].text"));
    }

    @Test
    void mixedContentToolReturnsTextImageAndResource() {
        JsonPath result = McpTestClient.connect().result("tools/call",
                Map.of("name", "test_multiple_content_types", "arguments", Map.of()));
        assertEquals(List.of("text", "image", "resource"), result.getList("content.type"));
        assertEquals("image/png", result.getString("content[1].mimeType"));
        assertEquals("{\"test\":\"data\",\"value\":123}", result.getString("content[2].resource.text"));
    }

    @Test
    void audioToolReturnsWav() {
        JsonPath result = McpTestClient.connect().result("tools/call", Map.of("name", "test_audio_content", "arguments", Map.of()));
        assertEquals("audio/wav", result.getString("content[0].mimeType"));
        assertEquals(Media.SILENCE_WAV_BASE64, result.getString("content[0].data"));
    }

    @Test
    void errorToolAnswersWithIsErrorNotAJsonRpcError() {
        JsonPath result = McpTestClient.connect().result("tools/call", Map.of("name", "test_error_handling", "arguments", Map.of()));
        assertEquals(Boolean.TRUE, result.get("isError"));
        assertEquals("This tool intentionally returns an error for testing", result.getString("content[0].text"));
    }

    @Test
    void progressToolAnswersWithoutAProgressToken() {
        JsonPath result = McpTestClient.connect().result("tools/call", Map.of("name", "test_tool_with_progress", "arguments", Map.of()));
        assertEquals(Boolean.FALSE, result.get("isError"));
    }

    @Test
    void binaryResourceIsThePngAsBlob() {
        JsonPath result = McpTestClient.connect().result("resources/read", Map.of("uri", "test://static-binary"));
        assertEquals("image/png", result.getString("contents[0].mimeType"));
        assertEquals(Media.RED_PIXEL_PNG_BASE64, result.getString("contents[0].blob"));
    }

    @Test
    void templateSubstitutesTheIdIntoItsJson() {
        JsonPath result = McpTestClient.connect().result("resources/read", Map.of("uri", "test://template/123/data"));
        assertEquals("test://template/123/data", result.getString("contents[0].uri"));
        assertEquals("application/json", result.getString("contents[0].mimeType"));
        JsonPath data = JsonPath.from(result.getString("contents[0].text"));
        assertEquals("123", data.getString("id"));
        assertEquals(Boolean.TRUE, data.get("templateTest"));
        assertEquals("Data for ID: 123", data.getString("data"));
    }

    @Test
    void watchedResourceCanBeSubscribedAndUnsubscribed() {
        McpTestClient client = McpTestClient.connect();
        assertEquals(Map.of(), client.result("resources/subscribe", Map.of("uri", "test://watched-resource")).getMap(""));
        assertEquals(Map.of(), client.result("resources/unsubscribe", Map.of("uri", "test://watched-resource")).getMap(""));
    }

    @Test
    void promptSubstitutesItsArguments() {
        JsonPath result = McpTestClient.connect().result("prompts/get",
                Map.of("name", "test_prompt_with_arguments", "arguments", Map.of("arg1", "hello", "arg2", "world")));
        assertEquals("Prompt with arguments: arg1='hello', arg2='world'", result.getString("messages[0].content.text"));
    }

    @Test
    void embeddedResourcePromptEmbedsTheGivenUri() {
        JsonPath result = McpTestClient.connect().result("prompts/get", Map.of("name", "test_prompt_with_embedded_resource",
                "arguments", Map.of("resourceUri", "test://example-resource")));
        assertEquals("resource", result.getString("messages[0].content.type"));
        assertEquals("test://example-resource", result.getString("messages[0].content.resource.uri"));
        assertEquals("Please process the embedded resource above.", result.getString("messages[1].content.text"));
    }

    @Test
    void completesPromptArgumentsByPrefix() {
        JsonPath result = McpTestClient.connect().result("completion/complete", Map.of(
                "ref", Map.of("type", "ref/prompt", "name", "test_prompt_with_arguments"),
                "argument", Map.of("name", "arg1", "value", "pa")));
        assertEquals(List.of("paris", "park", "party"), result.getList("completion.values"));
    }

    @Test
    void acceptsLoggingSetLevel() {
        assertTrue(McpTestClient.connect().result("logging/setLevel", Map.of("level", "debug")).getMap("").isEmpty());
    }
}
