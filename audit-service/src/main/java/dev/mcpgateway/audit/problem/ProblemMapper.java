package dev.mcpgateway.audit.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place REST errors become {@code application/problem+json}; nothing else builds an error body. */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, UriInfo uri) {
        return respond(problem.status(), problem.title(), problem.getMessage(), uri);
    }

    /** Framework errors (unknown path, wrong method, unparsable parameter) keep their status but get our body. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri);
    }

    /** Anything unexpected: log it with the stack, answer without one. */
    @ServerExceptionMapper
    public Response unexpected(Throwable t, UriInfo uri) {
        LOG.errorf(t, "unexpected error on %s", uri.getPath());
        return respond(500, "Internal Server Error", "The audit service failed to answer; see its log.", uri);
    }

    private static Response respond(int status, String title, String detail, UriInfo uri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("instance", uri.getPath());
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
