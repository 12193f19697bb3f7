package dev.mcpgateway.support.auth;

import dev.mcpgateway.support.problem.Problems;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 of the operator APIs as problem+json ({@link dev.mcpgateway.support.problem.ProblemMapper} renders every
 * other error the same way). A 401 says what credential is wanted and why the one sent was refused; a 403 names the role needed.
 * Authentication is lazy ({@code quarkus.http.auth.proactive=false}), so these failures reach the REST layer.
 */
public class AuthProblems {
    static final String NO_CREDENTIALS = "This operator API needs `Authorization: Bearer <token>` with an operator token "
            + "(mgw_op_…) or an OIDC/JWT bearer token; agent grant tokens never open operator APIs.";

    @Inject
    SecurityIdentity identity;

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        String detail = e.getMessage() == null || e.getMessage().isBlank()
                ? "The bearer token was not accepted." : e.getMessage();
        return unauthorized(detail, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorized(NO_CREDENTIALS, uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
        String needed = requiredRoles(resource);
        TreeSet<String> held = new TreeSet<>(identity.getRoles());
        String who = identity.getPrincipal() == null ? "this caller" : "`" + identity.getPrincipal().getName() + "`";
        String detail = (needed == null ? "This operation is not allowed for " + who + "."
                : "This operation needs the role " + needed + " (admin has every role); " + who + " has "
                        + (held.isEmpty() ? "no operator role" : String.join(", ", held)) + ".")
                + " Nothing was changed.";
        return respond(403, "Forbidden", detail, uri).build();
    }

    private static Response unauthorized(String detail, UriInfo uri) {
        return respond(401, "Unauthorized", detail, uri).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static String requiredRoles(ResourceInfo resource) {
        Method m = resource == null ? null : resource.getResourceMethod();
        if (m == null) {
            return null;
        }
        RolesAllowed roles = m.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            roles = m.getDeclaringClass().getAnnotation(RolesAllowed.class);
        }
        return roles == null ? null : String.join(" or ", Arrays.stream(roles.value()).map(r -> "`" + r + "`").toList());
    }

    private static Response.ResponseBuilder respond(int status, String title, String detail, UriInfo uri) {
        return Problems.response(status, title, detail, uri.getPath(), List.of());
    }
}
