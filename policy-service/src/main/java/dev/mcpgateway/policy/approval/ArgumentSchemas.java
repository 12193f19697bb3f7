package dev.mcpgateway.policy.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.mcpgateway.support.problem.ApiProblem;
import dev.mcpgateway.policy.document.ValidationError;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks an approver's edited arguments against the tool's input schema, read from catalog-service
 * ({@code GET /api/tools/{server}/{tool}} → {@code inputSchema}) at the time of the edit, so the check
 * uses the definition the catalog holds now. Fails closed: no schema, no edit.
 */
public class ArgumentSchemas {
    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    // Draft 7 is what MCP servers declare in practice; a schema's own "$schema" wins.
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().locale(Locale.ENGLISH).build()));

    public ArgumentSchemas(URI catalog, Duration timeout) {
        this.base = catalog;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Completes when {@code arguments} validate; fails with a 422 listing every schema error, or 503 without a catalog. */
    public Uni<Void> check(String server, String tool, JsonNode arguments) {
        return inputSchema(server, tool).map(schema -> {
            List<ValidationError> errors = validate(schema, arguments);
            if (!errors.isEmpty()) {
                throw new ApiProblem(422, "Edited arguments do not match the tool's input schema",
                        errors.size() + " schema error(s) in the edited arguments of " + server + "/" + tool
                                + "; nothing was changed.", errors);
            }
            return null;
        });
    }

    List<ValidationError> validate(JsonNode schemaNode, JsonNode arguments) {
        Schema schema = registry.getSchema(schemaNode);
        List<ValidationError> out = new ArrayList<>();
        for (Error e : schema.validate(arguments)) {
            out.add(new ValidationError(pointer(e), e.getMessage()));
        }
        return out;
    }

    /** JSON pointer of the offending value; for "required"/"additionalProperties" the property itself. */
    private static String pointer(Error e) {
        List<String> segments = new ArrayList<>();
        var location = e.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            segments.add(String.valueOf(location.getElement(i)));
        }
        if (e.getProperty() != null && !segments.contains(e.getProperty())) {
            segments.add(e.getProperty());
        }
        StringBuilder p = new StringBuilder();
        for (String s : segments) {
            p.append('/').append(s.replace("~", "~0").replace("/", "~1"));
        }
        return p.toString();
    }

    private Uni<JsonNode> inputSchema(String server, String tool) {
        String root = base.toString().replaceAll("/+$", "");
        URI uri = URI.create(root + "/api/tools/" + segment(server) + "/" + segment(tool));
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()))
                .onFailure().transform(t -> new ApiProblem(503, "Catalog unavailable",
                        "The tool's input schema could not be read from catalog-service (" + t.getClass().getSimpleName()
                                + "), so edited arguments cannot be checked; nothing was changed."))
                .map(resp -> {
                    if (resp.statusCode() == 404) {
                        throw new ApiProblem(422, "Unknown tool",
                                "catalog-service knows no tool " + server + "/" + tool
                                        + ", so edited arguments cannot be checked; nothing was changed.");
                    }
                    if (resp.statusCode() != 200) {
                        throw new ApiProblem(503, "Catalog unavailable", "catalog-service answered "
                                + resp.statusCode() + " for " + server + "/" + tool + "; nothing was changed.");
                    }
                    JsonNode schema;
                    try {
                        schema = json.readTree(resp.body()).path("inputSchema");
                    } catch (Exception e) {
                        throw new ApiProblem(503, "Catalog unavailable", "catalog-service sent an unreadable tool record.");
                    }
                    if (!schema.isObject()) {
                        throw new ApiProblem(422, "No input schema",
                                "catalog-service holds no input schema for " + server + "/" + tool
                                        + ", so edited arguments cannot be checked; nothing was changed.");
                    }
                    return schema;
                });
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
