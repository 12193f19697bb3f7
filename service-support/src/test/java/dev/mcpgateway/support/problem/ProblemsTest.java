package dev.mcpgateway.support.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void bodyHasTheRfc9457FieldsInOrderAndErrorsOnlyWhenThereAreSome() {
        Response plain = Problems.response(404, "Not Found", "No grant 'g'.", "/api/grants/g", List.of()).build();
        assertEquals(404, plain.getStatus());
        assertEquals(Problems.PROBLEM_JSON, plain.getMediaType().toString());
        Map<?, ?> body = (Map<?, ?>) plain.getEntity();
        assertEquals(List.of("type", "title", "status", "detail", "instance"), List.copyOf(body.keySet()));
        assertEquals("about:blank", body.get("type"));

        Map<?, ?> invalid = (Map<?, ?>) Problems.response(422, "Invalid policy document", "2 errors", "/api/policies/p",
                List.of("e1", "e2")).build().getEntity();
        assertEquals(List.of("e1", "e2"), invalid.get("errors"));
    }

    @Test
    void apiProblemKeepsItsErrorsAndHasNoStackTrace() {
        ApiProblem p = new ApiProblem(422, "Invalid", "bad", List.of("a"));
        assertEquals(List.of("a"), p.errors());
        assertEquals(0, p.getStackTrace().length);
        assertTrue(ApiProblem.badRequest("x").errors().isEmpty());
        assertEquals(409, ApiProblem.conflict("x").status());
    }

    @Test
    void anUnreachableDatabaseIsRecognizedAnywhereInTheCauseChain() {
        assertTrue(ProblemMapper.databaseUnreachable(
                new IllegalStateException("pool", new RuntimeException(new ConnectException("refused")))));
        assertFalse(ProblemMapper.databaseUnreachable(new IllegalStateException("a bug")));
    }
}
