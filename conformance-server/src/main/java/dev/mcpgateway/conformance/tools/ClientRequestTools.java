package dev.mcpgateway.conformance.tools;

import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;

import dev.mcpgateway.conformance.ConformanceConfig;
import io.quarkiverse.mcp.server.Elicitation;
import io.quarkiverse.mcp.server.ElicitationRequest;
import io.quarkiverse.mcp.server.ElicitationRequest.BooleanSchema;
import io.quarkiverse.mcp.server.ElicitationRequest.EnumSchema;
import io.quarkiverse.mcp.server.ElicitationRequest.IntegerSchema;
import io.quarkiverse.mcp.server.ElicitationRequest.MultiSelectEnumSchema;
import io.quarkiverse.mcp.server.ElicitationRequest.NumberSchema;
import io.quarkiverse.mcp.server.ElicitationRequest.SingleSelectEnumSchema;
import io.quarkiverse.mcp.server.ElicitationRequest.StringSchema;
import io.quarkiverse.mcp.server.ElicitationResponse;
import io.quarkiverse.mcp.server.Sampling;
import io.quarkiverse.mcp.server.SamplingMessage;
import io.quarkiverse.mcp.server.SamplingResponse;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;
import io.vertx.core.json.JsonObject;

/** Tools that, while they run, send a request back to the client (sampling, elicitation) and report its answer. */
public class ClientRequestTools {

    static final long SAMPLING_MAX_TOKENS = 100;

    @Inject
    ConformanceConfig config;

    @Tool(name = "test_sampling", description = "Asks the client's LLM (sampling/createMessage) and returns its answer")
    ToolResponse sampling(@ToolArg(description = "The prompt to send to the LLM") String prompt, Sampling sampling) {
        if (!sampling.isSupported()) {
            return ToolResponse.error("The client does not support sampling (no sampling capability)");
        }
        SamplingResponse response = sampling.requestBuilder()
                .addMessage(SamplingMessage.withUserRole(prompt))
                .setMaxTokens(SAMPLING_MAX_TOKENS)
                .setTimeout(config.serverRequestTimeout())
                .build()
                .sendAndAwait();
        return ToolResponse.success("LLM response: " + textOf(response));
    }

    @Tool(name = "test_elicitation", description = "Asks the user for a username and an email (elicitation/create)")
    ToolResponse elicitation(@ToolArg(description = "The message to show the user") String message,
            Elicitation elicitation) {
        if (!elicitation.isSupported()) {
            return ToolResponse.error("The client does not support elicitation (no elicitation capability)");
        }
        ElicitationResponse response = elicitation.requestBuilder()
                .setMessage(message)
                .addSchemaProperty("username", StringSchema.builder().setDescription("User's response").setRequired(true).build())
                .addSchemaProperty("email", StringSchema.builder().setDescription("User's email address").setRequired(true).build())
                .setTimeout(config.serverRequestTimeout())
                .build()
                .sendAndAwait();
        return ToolResponse.success("User response: action=" + action(response) + ", content=" + content(response));
    }

    /** SEP-1034: a default value for every primitive type. */
    @Tool(name = "test_elicitation_sep1034_defaults", description = "Elicits a form whose fields all have default values (SEP-1034)")
    ToolResponse elicitationDefaults(Elicitation elicitation) {
        if (!elicitation.isSupported()) {
            return ToolResponse.error("The client does not support elicitation (no elicitation capability)");
        }
        ElicitationRequest request = elicitation.requestBuilder()
                .setMessage("Please review and update the form fields with defaults")
                .addSchemaProperty("name", StringSchema.builder().setDescription("User name").setDefaultValue("John Doe").build())
                .addSchemaProperty("age", IntegerSchema.builder().setDescription("User age").setDefaultValue(30).build())
                .addSchemaProperty("score", NumberSchema.builder().setDescription("User score").setDefaultValue(95.5).build())
                .addSchemaProperty("status", EnumSchema.builder(List.of("active", "inactive", "pending"))
                        .setDescription("User status").setDefaultValue("active").build())
                .addSchemaProperty("verified", BooleanSchema.builder().setDescription("Verification status").setDefaultValue(true).build())
                .setTimeout(config.serverRequestTimeout())
                .build();
        return completed(request.sendAndAwait());
    }

    /** SEP-1330: the five enum shapes, untitled and titled, single and multi select, and the legacy enumNames. */
    @Tool(name = "test_elicitation_sep1330_enums", description = "Elicits a form with every enum variant (SEP-1330)")
    ToolResponse elicitationEnums(Elicitation elicitation) {
        if (!elicitation.isSupported()) {
            return ToolResponse.error("The client does not support elicitation (no elicitation capability)");
        }
        ElicitationRequest request = elicitation.requestBuilder()
                .setMessage("Please select options from the enum fields")
                .addSchemaProperty("untitledSingle", SingleSelectEnumSchema.builder(List.of("option1", "option2", "option3"))
                        .setDescription("Choose an option").build())
                .addSchemaProperty("titledSingle", SingleSelectEnumSchema.builder(List.of("value1", "value2", "value3"))
                        .setDescription("Choose a titled option")
                        .setEnumTitles(List.of("First Option", "Second Option", "Third Option")).build())
                .addSchemaProperty("legacyEnum", EnumSchema.builder(List.of("opt1", "opt2", "opt3"))
                        .setDescription("Choose a legacy option")
                        .setEnumNames(List.of("Option One", "Option Two", "Option Three")).build())
                .addSchemaProperty("untitledMulti", MultiSelectEnumSchema.builder(List.of("option1", "option2", "option3"))
                        .setDescription("Choose multiple options").build())
                .addSchemaProperty("titledMulti", MultiSelectEnumSchema.builder(List.of("value1", "value2", "value3"))
                        .setDescription("Choose multiple titled options")
                        .setEnumTitles(List.of("First Choice", "Second Choice", "Third Choice")).build())
                .setTimeout(config.serverRequestTimeout())
                .build();
        return completed(request.sendAndAwait());
    }

    private static ToolResponse completed(ElicitationResponse response) {
        return ToolResponse.success("Elicitation completed: action=" + action(response) + ", content=" + content(response));
    }

    private static String action(ElicitationResponse response) {
        return response.action().name().toLowerCase(Locale.ROOT);
    }

    private static String content(ElicitationResponse response) {
        return response.content() == null ? "{}" : new JsonObject(response.content().asMap()).encode();
    }

    private static String textOf(SamplingResponse response) {
        return response.content() instanceof TextContent text ? text.text() : String.valueOf(response.content());
    }
}
