package dev.mcpgateway.catalog.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.support.auth.OperatorRole;
import dev.mcpgateway.support.problem.ApiProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Read side of the catalog: list, get one, counts. */
@Path("/api/tools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tools")
public class ToolResource {

    /** Answers may be kept by the caller, never by a shared cache (they need a role), and are revalidated each time. */
    static final String CACHE_CONTROL = "private, no-cache";

    private final ToolQueries queries;
    private final ToolFilterParser parser;
    private final ToolListCache cache;
    private final ObjectMapper json;

    public ToolResource(ToolQueries queries, ToolFilterParser parser, ToolListCache cache, ObjectMapper json) {
        this.queries = queries;
        this.parser = parser;
        this.cache = cache;
        this.json = json;
    }

    /**
     * Served from {@link ToolListCache} when the catalog has not changed since the same query was answered; the
     * session is opened only on a miss. {@code If-None-Match} with the current ETag is answered 304 without a body;
     * {@code Cache-Control: no-cache} reads the database (and refreshes the cache).
     */
    @GET
    @Operation(summary = "List tools, sorted by server and name")
    @APIResponse(responseCode = "200", description = "One page of tools, with a strong ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ToolPage.class)))
    @APIResponse(responseCode = "304", description = "If-None-Match holds the current ETag: the list is unchanged")
    @RolesAllowed({OperatorRole.VIEWER_NAME, OperatorRole.SERVICE_NAME})
    public Uni<Response> list(
            @Parameter(description = "exact server name") @QueryParam("server") String server,
            @Parameter(description = "read, write, execute, destructive or financial") @QueryParam("category") String category,
            @Parameter(description = "low, medium, high or critical") @QueryParam("risk") String risk,
            @Parameter(description = "active, changed or removed") @QueryParam("status") String status,
            @Parameter(description = "case-insensitive text in the name or description") @QueryParam("q") String q,
            @Parameter(description = "0-based page number; default 0") @QueryParam("page") String page,
            @Parameter(description = "page size; default 200, at most 500") @QueryParam("size") String size,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.CACHE_CONTROL) String cacheControl) {
        ToolFilter filter = parser.parse(server, category, risk, status, q, page, size);
        // Read before the query: an answer older than a concurrent write lands under the version that write retires.
        long version = cache.version();
        Uni<ToolListCache.Listing> listing = cache.get(version, filter)
                .filter(hit -> !noCache(cacheControl))
                .map(hit -> Uni.createFrom().item(hit))
                .orElseGet(() -> Panache.withSession(() -> queries.list(filter))
                        .map(p -> cache.put(version, filter, ToolListCache.Listing.of(serialise(p)))));
        return listing.map(l -> respond(l, ifNoneMatch));
    }

    static Response respond(ToolListCache.Listing listing, String ifNoneMatch) {
        Response.ResponseBuilder r = ToolListCache.matches(ifNoneMatch, listing.etag())
                ? Response.notModified()
                : Response.ok(listing.body(), MediaType.APPLICATION_JSON_TYPE);
        return r.header(HttpHeaders.ETAG, listing.etag()).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
    }

    static boolean noCache(String cacheControl) {
        if (cacheControl == null) {
            return false;
        }
        for (String directive : cacheControl.split(",")) {
            String d = directive.trim().toLowerCase(java.util.Locale.ROOT);
            if (d.equals("no-cache") || d.startsWith("max-age=0")) {
                return true;
            }
        }
        return false;
    }

    private byte[] serialise(ToolPage page) {
        try {
            return json.writeValueAsBytes(page);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tool page did not serialise", e);
        }
    }

    @GET
    @Path("/counts")
    @WithSession
    @Operation(summary = "Tool counts by category × risk")
    @RolesAllowed(OperatorRole.VIEWER_NAME)
    public Uni<CategoryRiskCounts> counts(@QueryParam("server") String server, @QueryParam("status") String status) {
        Optional<String> s = Optional.ofNullable(server).filter(v -> !v.isBlank());
        Optional<ToolStatus> st = Optional.ofNullable(status).filter(v -> !v.isBlank())
                .map(v -> WireEnum.parse(ToolStatus.class, "status", v));
        return queries.counts(s, st);
    }

    @GET
    @Path("/{server}/{name}")
    @WithSession
    @Operation(summary = "One tool")
    @RolesAllowed({OperatorRole.VIEWER_NAME, OperatorRole.SERVICE_NAME})
    public Uni<ToolView> get(@PathParam("server") String server, @PathParam("name") String name) {
        return Tool.findByKey(server, name).map(tool -> {
            if (tool == null) {
                throw ApiProblem.notFound("No tool '" + name + "' on server '" + server + "'");
            }
            return ToolView.of(tool);
        });
    }
}
