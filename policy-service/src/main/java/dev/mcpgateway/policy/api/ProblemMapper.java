package dev.mcpgateway.policy.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place REST errors are turned into application/problem+json; never a stack trace. */
public class ProblemMapper {
    static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(new Problem("about:blank", e.title(), e.status(), e.getMessage(), e.errors()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status s = Response.Status.fromStatusCode(status);
        return respond(new Problem("about:blank", s == null ? "Error" : s.getReasonPhrase(), status, e.getMessage(), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("Unexpected error", e);
        return respond(new Problem("about:blank", "Internal Server Error", 500,
                "An unexpected error occurred; see the policy-service log.", List.of()));
    }

    private static Response respond(Problem p) {
        return Response.status(p.status()).type(PROBLEM_JSON).entity(p).build();
    }
}
