package dev.mcpgateway.support.problem;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the one problem+json body every operator API answers errors with (its fields in RFC 9457 order). */
public final class Problems {
    public static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {
    }

    public static Response.ResponseBuilder response(int status, String title, String detail, String instance,
            List<?> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("instance", instance);
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body);
    }
}
