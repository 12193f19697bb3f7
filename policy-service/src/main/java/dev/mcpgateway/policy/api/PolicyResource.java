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
import dev.mcpgateway.policy.limit.CounterStoreUnavailableException;
import dev.mcpgateway.policy.store.PolicyRegistry;
import dev.mcpgateway.policy.store.PolicyStore;
import dev.mcpgateway.policy.store.PolicySync;
import dev.mcpgateway.support.auth.OperatorRole;
import dev.mcpgateway.support.problem.ApiProblem;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.QueryParam;
import java.util.regex.Pattern;
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

/** Operator REST API for policies: list, read, store, version history, rollback, validate, explain. */
@Path("/api/policies")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject
    PolicyRegistry policies;
    @Inject
    PolicyStore store;
    @Inject
    CounterStore counters;
    @Inject
    ToolFactsCache catalog;
    @Inject
    Clock clock;
    @Inject
    SecurityIdentity identity;

    public record Summary(String id, long version, String mode) {
    }

    public record Validated(boolean valid, long version, String mode) {
    }

    public record Rollback(Long version, String comment) {
    }

    /** Who wrote a policy version when it is not the authenticated operator (see {@link Actor}). */
    static final String ACTOR = "X-Actor";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    @GET
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public List<Summary> list() {
        return policies.all().stream().sorted(Comparator.comparing(PolicyDocument::id))
                .map(p -> new Summary(p.id(), p.version(), p.mode().wire())).toList();
    }

    /** The current stored version, with who wrote it and when. */
    @GET
    @Path("/{id}")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<VersionView> get(@PathParam("id") String id) {
        return store.current(id).map(v -> {
            if (v == null) {
                throw notFound(id);
            }
            return VersionView.of(v, true);
        });
    }

    /** Every version, newest first, without the documents. */
    @GET
    @Path("/{id}/versions")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<List<VersionView>> versions(@PathParam("id") String id) {
        return store.versions(id).map(vs -> {
            if (vs.isEmpty()) {
                throw notFound(id);
            }
            return vs.stream().map(v -> VersionView.of(v, false)).toList();
        });
    }

    @GET
    @Path("/{id}/versions/{version}")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<VersionView> version(@PathParam("id") String id, @PathParam("version") long version) {
        return store.version(id, version).map(v -> {
            if (v == null) {
                throw new ApiProblem(404, "Not Found", "Policy '" + id + "' has no version " + version + ".");
            }
            return VersionView.of(v, true);
        });
    }

    /**
     * Stores a new version (JSON, or YAML with a YAML content type) after validating it: 422 lists
     * every error and stores nothing. The version is live on this replica when the call returns, on
     * the others within {@code policy.store.poll-interval}; counters are kept.
     */
    @PUT
    @Path("/{id}")
    @RolesAllowed(OperatorRole.POLICY_MANAGER_NAME)
    @Consumes(MediaType.WILDCARD)
    public Uni<VersionView> put(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                @HeaderParam(ACTOR) String actor, @QueryParam("comment") String comment, String body) {
        if (!ID.matcher(id).matches()) {
            throw new ApiProblem(400, "Bad Request",
                    "A policy id is 1 to 128 letters, digits, '.', '_' or '-'.");
        }
        PolicyDocument doc = parse(id, contentType, body);
        return store(doc, actor(actor), comment);
    }

    /** Stores a new version whose document is that of an earlier version. */
    @POST
    @Path("/{id}/rollback")
    @RolesAllowed(OperatorRole.POLICY_MANAGER_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<VersionView> rollback(@PathParam("id") String id, @HeaderParam(ACTOR) String actor, Rollback req) {
        if (req == null || req.version() == null) {
            throw new ApiProblem(400, "Bad Request", "The body must be {\"version\": <n>, \"comment\": ...}.");
        }
        return store.version(id, req.version()).flatMap(old -> {
            if (old == null) {
                throw new ApiProblem(404, "Not Found", "Policy '" + id + "' has no version " + req.version() + ".");
            }
            PolicyDocument doc;
            try {
                doc = PolicyParser.parse(id, old.document, false);
            } catch (PolicyInvalidException e) {
                throw new ApiProblem(422, "Invalid policy document", "Version " + req.version()
                        + " no longer validates: " + e.errors().size() + " problem(s).", e.errors());
            }
            String comment = req.comment() != null ? req.comment() : "rollback to version " + req.version();
            return store(doc, actor(actor), comment);
        });
    }

    private Uni<VersionView> store(PolicyDocument doc, String actor, String comment) {
        return store.append(doc.id(), PolicySync.toJson(doc.source()), actor, comment)
                .onFailure(StoreErrors::isUniqueViolation).transform(e -> new ApiProblem(409, "Conflict",
                        "Another version of policy '" + doc.id() + "' was stored at the same time; retry."))
                .map(v -> {
                    policies.putIfNewer(doc.withVersion(v.version));
                    return VersionView.of(v, true);
                });
    }

    /** Validates a document (JSON, or YAML with a YAML content type); 422 lists every error. */
    @POST
    @Path("/validate")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    @Consumes(MediaType.WILDCARD)
    public Validated validate(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        PolicyDocument p = parse("validate", contentType, body);
        return new Validated(true, p.version(), p.mode().wire());
    }

    private static PolicyDocument parse(String id, String contentType, String body) {
        if (body == null || body.isBlank()) {
            throw new ApiProblem(400, "Bad Request", "The request body must be a policy document.");
        }
        boolean yaml = contentType != null && contentType.toLowerCase().contains("yaml");
        try {
            return PolicyParser.parse(id, body, yaml);
        } catch (PolicyInvalidException e) {
            throw new ApiProblem(422, "Invalid policy document",
                    e.errors().size() + " problem(s) found in the policy document.", e.errors());
        }
    }

    private String actor(String header) {
        return Actor.of(header, identity);
    }

    /** Explains how the policy decides a call, without touching any counter. */
    @POST
    @Path("/{id}/explain")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    public Explanation explain(@PathParam("id") String id, String body) {
        PolicyDocument p = find(id);
        ExplainRequest req = read(body);
        JsonNode args = req.arguments() == null || req.arguments().isNull()
                ? JsonNodeFactory.instance.objectNode() : req.arguments();
        if (!args.isObject()) {
            throw new ApiProblem(400, "Bad Request", "\"arguments\" must be a JSON object.");
        }
        ToolFacts facts = req.risk() != null || req.category() != null
                ? new ToolFacts(req.risk(), req.category())
                : req.server() == null ? ToolFacts.UNKNOWN : catalog.facts(req.server(), req.tool());
        try {
            return new Explainer(counters).explain(p, nz(req.grantId()), nz(req.sessionId()), req.tool(), args, facts,
                    clock.millis());
        } catch (CounterStoreUnavailableException e) {
            throw new ApiProblem(503, "Service Unavailable", "Cannot read the counters: " + e.getMessage());
        }
    }

    private static ExplainRequest read(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiProblem(400, "Bad Request", "The request body must be a call to explain: "
                    + "{\"tool\": ..., \"arguments\": {...}, \"grant_id\": ..., \"session_id\": ..., \"server\": ...}.");
        }
        ExplainRequest req;
        try {
            req = STRICT.readValue(body, ExplainRequest.class);
        } catch (JsonProcessingException e) {
            throw new ApiProblem(400, "Bad Request", "The request body is not a valid call to explain: "
                    + e.getOriginalMessage());
        }
        if (req.tool() == null || req.tool().isBlank()) {
            throw new ApiProblem(400, "Bad Request", "\"tool\" is required.");
        }
        return req;
    }

    private PolicyDocument find(String id) {
        return policies.get(id).orElseThrow(() -> notFound(id));
    }

    private static ApiProblem notFound(String id) {
        return new ApiProblem(404, "Not Found", "No policy '" + id + "' is loaded.");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
