package dev.mcpgateway.policy.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.FilterToolsRequest;
import dev.mcpgateway.policy.document.PolicyParser;
import dev.mcpgateway.policy.evaluate.ToolFacts;
import dev.mcpgateway.policy.grant.Grant;
import dev.mcpgateway.policy.grant.GrantRegistry;
import dev.mcpgateway.policy.grant.TokenHash;
import dev.mcpgateway.policy.limit.InMemoryCounterStore;
import dev.mcpgateway.policy.limit.ReservationBook;
import dev.mcpgateway.policy.store.PolicyRegistry;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The gRPC server accepts calls before grants and policies are read from the database: until the policy registry
 * says both are loaded, Decide and FilterTools say "could not decide" (UNAVAILABLE, retryable), never "unknown
 * grant" or a denial built on an empty registry.
 */
class StartingServiceTest {
    private final GrantRegistry grants = new GrantRegistry();
    private final PolicyRegistry policies = PolicyRegistry.loading();
    private final InMemoryCounterStore counters = new InMemoryCounterStore();
    private final DecisionService service = new DecisionService(grants, policies, (s, t) -> new ToolFacts("low", "read"),
            counters, new ReservationBook(60_000, counters), Clock.systemUTC(), 1 << 20, new SimpleMeterRegistry());

    private static DecideRequest call() {
        return DecideRequest.newBuilder().setGrantId("g").setSessionId("s").setServer("smartlead")
                .setTool("smartlead_get_campaign").setArgumentsJson(ByteString.copyFromUtf8("{}")).build();
    }

    @Test
    void nothingIsDecidedUntilGrantsAndPoliciesAreLoaded() {
        grants.put(new Grant("g", "g", "smartlead", "open", TokenHash.of("t")));
        policies.put(PolicyParser.parse("open", "{\"version\":\"1\",\"default\":\"allow\"}", false));

        DecisionException e = assertThrows(DecisionException.class, () -> service.decide(call()));
        assertEquals(DecisionException.Kind.UNAVAILABLE, e.kind());
        assertEquals(Status.Code.UNAVAILABLE, e.toStatus().getStatus().getCode());
        assertTrue(e.getMessage().startsWith("could not decide: policy-service is starting"), e.getMessage());
        assertEquals(DecisionException.Kind.UNAVAILABLE, assertThrows(DecisionException.class, () -> service.filterTools(
                FilterToolsRequest.newBuilder().setGrantId("g").setServer("smartlead").addTools("x").build())).kind());

        assertEquals(DecisionException.Kind.UNAVAILABLE,
                assertThrows(DecisionException.class, () -> service.decide(call())).kind(),
                "a grant already known does not help: grants and policies count as loaded together");

        policies.markLoaded();
        assertEquals(Decision.ALLOW, service.decide(call()).getDecision());
    }

    @Test
    void registriesBuiltByHandAreLoaded() {
        assertTrue(new PolicyRegistry().loaded());
    }
}
