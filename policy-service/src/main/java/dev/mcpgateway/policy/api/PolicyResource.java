package dev.mcpgateway.policy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mcpgateway.policy.catalog.ToolFactsCache;
import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.document.PolicyInvalidException;
import dev.mcpgateway.policy.document.PolicyParser;
import dev.mcpgateway.policy.evaluate.ToolFacts;
import dev.mcpgateway.policy.explain.Explainer;
import dev.mcpgateway.policy.explain.Explanation;
import dev.mcpgateway.policy.limit.CounterStore;
import dev.mcpgateway.policy.store.PolicyRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Operator REST API for policies: list, read, validate, explain. */
@Path("/api/policies")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject
    PolicyRegistry policies;
    @Inject
    CounterStore counters;
    @Inject
    ToolFactsCache catalog;
    @Inject
    Clock clock;

    public record Summary(String id, long version, String mode) {
    }

    public record Validated(boolean valid, long version, String mode) {
    }

    @GET
    public List<Summary> list() {
        return policies.all().stream().sorted(Comparator.comparing(PolicyDocument::id))
                .map(p -> new Summary(p.id(), p.version(), p.mode().wire())).toList();
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        PolicyDocument p = find(id);
        return Map.of("id", p.id(), "version", p.version(), "mode", p.mode().wire(), "document", p.source());
    }

    /** Validates a document (JSON, or YAML with a YAML content type); 422 lists every error. */
    @POST
    @Path("/validate")
    @Consumes(MediaType.WILDCARD)
    public Validated validate(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(400, "Bad Request", "The request body must be a policy document.");
        }
        boolean yaml = contentType != null && contentType.toLowerCase().contains("yaml");
        try {
            PolicyDocument p = PolicyParser.parse("validate", body, yaml);
            return new Validated(true, p.version(), p.mode().wire());
        } catch (PolicyInvalidException e) {
            throw new ProblemException(422, "Invalid policy document",
                    e.errors().size() + " problem(s) found in the policy document.", e.errors());
        }
    }

    /** Explains how the policy decides a call, without touching any counter. */
    @POST
    @Path("/{id}/explain")
    @Consumes(MediaType.APPLICATION_JSON)
    public Explanation explain(@PathParam("id") String id, String body) {
        PolicyDocument p = find(id);
        ExplainRequest req = read(body);
        JsonNode args = req.arguments() == null || req.arguments().isNull()
                ? JsonNodeFactory.instance.objectNode() : req.arguments();
        if (!args.isObject()) {
            throw new ProblemException(400, "Bad Request", "\"arguments\" must be a JSON object.");
        }
        ToolFacts facts = req.risk() != null || req.category() != null
                ? new ToolFacts(req.risk(), req.category())
                : req.server() == null ? ToolFacts.UNKNOWN : catalog.facts(req.server(), req.tool());
        return new Explainer(counters).explain(p, nz(req.grantId()), nz(req.sessionId()), req.tool(), args, facts,
                clock.millis());
    }

    private static ExplainRequest read(String body) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(400, "Bad Request", "The request body must be a call to explain: "
                    + "{\"tool\": ..., \"arguments\": {...}, \"grant_id\": ..., \"session_id\": ..., \"server\": ...}.");
        }
        ExplainRequest req;
        try {
            req = STRICT.readValue(body, ExplainRequest.class);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "Bad Request", "The request body is not a valid call to explain: "
                    + e.getOriginalMessage());
        }
        if (req.tool() == null || req.tool().isBlank()) {
            throw new ProblemException(400, "Bad Request", "\"tool\" is required.");
        }
        return req;
    }

    private PolicyDocument find(String id) {
        return policies.get(id).orElseThrow(() -> new ProblemException(404, "Not Found", "No policy '" + id + "' is loaded."));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
