package dev.mcpgateway.conformance.prompts;

import java.util.List;

import dev.mcpgateway.conformance.media.Media;
import io.quarkiverse.mcp.server.EmbeddedResource;
import io.quarkiverse.mcp.server.ImageContent;
import io.quarkiverse.mcp.server.Prompt;
import io.quarkiverse.mcp.server.PromptArg;
import io.quarkiverse.mcp.server.PromptMessage;
import io.quarkiverse.mcp.server.TextResourceContents;

/** The prompts the prompts-* scenarios get, with the exact texts the suite documents. */
public class FixturePrompts {

    public static final String WITH_ARGUMENTS = "test_prompt_with_arguments";

    @Prompt(name = "test_simple_prompt", description = "A simple prompt without arguments")
    PromptMessage simplePrompt() {
        return PromptMessage.withUserRole("This is a simple prompt for testing.");
    }

    @Prompt(name = WITH_ARGUMENTS, description = "A prompt with two required arguments")
    PromptMessage promptWithArguments(@PromptArg(description = "First test argument") String arg1,
            @PromptArg(description = "Second test argument") String arg2) {
        return PromptMessage.withUserRole("Prompt with arguments: arg1='" + arg1 + "', arg2='" + arg2 + "'");
    }

    @Prompt(name = "test_prompt_with_embedded_resource", description = "A prompt that embeds a resource")
    List<PromptMessage> promptWithEmbeddedResource(
            @PromptArg(description = "URI of the resource to embed") String resourceUri) {
        return List.of(
                PromptMessage.withUserRole(new EmbeddedResource(
                        new TextResourceContents(resourceUri, "Embedded resource content for testing.", "text/plain"))),
                PromptMessage.withUserRole("Please process the embedded resource above."));
    }

    @Prompt(name = "test_prompt_with_image", description = "A prompt with image content")
    List<PromptMessage> promptWithImage() {
        return List.of(
                PromptMessage.withUserRole(new ImageContent(Media.RED_PIXEL_PNG_BASE64, Media.PNG_MIME_TYPE)),
                PromptMessage.withUserRole("Please analyze the image above."));
    }
}
