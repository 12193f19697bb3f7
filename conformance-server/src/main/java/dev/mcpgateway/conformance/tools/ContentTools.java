package dev.mcpgateway.conformance.tools;

import dev.mcpgateway.conformance.media.Media;
import io.quarkiverse.mcp.server.AudioContent;
import io.quarkiverse.mcp.server.EmbeddedResource;
import io.quarkiverse.mcp.server.ImageContent;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.TextResourceContents;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkiverse.mcp.server.ToolResponse;

/** Tools without arguments that each return one kind of content, with the exact texts the suite documents. */
public class ContentTools {

    @Tool(name = "test_simple_text", description = "Returns a simple text content item")
    ToolResponse simpleText() {
        return ToolResponse.success(new TextContent("This is a simple text response for testing."));
    }

    @Tool(name = "test_image_content", description = "Returns an image content item (a 1x1 red pixel PNG)")
    ToolResponse imageContent() {
        return ToolResponse.success(new ImageContent(Media.RED_PIXEL_PNG_BASE64, Media.PNG_MIME_TYPE));
    }

    @Tool(name = "test_audio_content", description = "Returns an audio content item (10 ms of silence as WAV)")
    ToolResponse audioContent() {
        return ToolResponse.success(new AudioContent(Media.SILENCE_WAV_BASE64, Media.WAV_MIME_TYPE));
    }

    @Tool(name = "test_embedded_resource", description = "Returns an embedded text resource")
    ToolResponse embeddedResource() {
        return ToolResponse.success(new EmbeddedResource(new TextResourceContents(
                "test://embedded-resource", "This is an embedded resource content.", "text/plain")));
    }

    @Tool(name = "test_multiple_content_types", description = "Returns text, image and embedded resource content together")
    ToolResponse multipleContentTypes() {
        return ToolResponse.success(
                new TextContent("Multiple content types test:"),
                new ImageContent(Media.RED_PIXEL_PNG_BASE64, Media.PNG_MIME_TYPE),
                new EmbeddedResource(new TextResourceContents(
                        "test://mixed-content-resource", "{\"test\":\"data\",\"value\":123}", "application/json")));
    }

    /** A tool failure is a result with isError: true, not a JSON-RPC error; ToolCallException is how the extension says so. */
    @Tool(name = "test_error_handling", description = "Always fails, returning a result with isError: true")
    ToolResponse errorHandling() {
        throw new ToolCallException("This tool intentionally returns an error for testing");
    }
}
