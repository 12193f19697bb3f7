package dev.mcpgateway.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where the operator REST APIs' errors become {@code application/problem+json} (401/403 are
 * {@link dev.mcpgateway.support.auth.AuthProblems}', in the same shape): never a stack trace in an answer.
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, UriInfo uri) {
        return Problems.response(problem.status(), problem.title(), problem.getMessage(), uri.getPath(), problem.errors())
                .build();
    }

    /** A body that is not JSON, or JSON of the wrong shape: say where, never echo a stack. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(400, "Bad Request", "The request body is not valid JSON for this endpoint: " + e.getOriginalMessage(), uri);
    }

    /** Framework errors (unknown path, wrong method, wrong media type) keep their status but get our body. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri);
    }

    /** Anything unexpected: logged with its stack, answered without one. An unreachable database is a 503, not a bug. */
    @ServerExceptionMapper
    public Response unexpected(Throwable t, UriInfo uri) {
        if (databaseUnreachable(t)) {
            LOG.warnf("database unreachable on %s: %s", uri.getPath(), t.getMessage());
            return respond(503, "Service Unavailable", "The " + service + " database is unreachable; retry later.", uri);
        }
        LOG.errorf(t, "unexpected error on %s", uri.getPath());
        return respond(500, "Internal Server Error", service + " failed to answer; see its log.", uri);
    }

    static boolean databaseUnreachable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.ConnectException || c instanceof java.net.NoRouteToHostException
                    || c instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static Response respond(int status, String title, String detail, UriInfo uri) {
        return Problems.response(status, title, detail, uri.getPath(), List.of()).build();
    }
}
