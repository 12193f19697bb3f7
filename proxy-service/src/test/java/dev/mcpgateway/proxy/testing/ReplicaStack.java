package dev.mcpgateway.proxy.testing;

import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.FilterToolsRequest;
import dev.mcpgateway.contracts.policy.v1.ResolveGrantResponse;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.proxy.ProxyConfig;
import dev.mcpgateway.proxy.auth.GrantResolver;
import dev.mcpgateway.proxy.audit.AuditOutbox;
import dev.mcpgateway.proxy.event.DecisionEmitter;
import dev.mcpgateway.proxy.policy.PolicyGateway;
import dev.mcpgateway.proxy.session.SealedSessionStore;
import dev.mcpgateway.proxy.session.SessionRevocations;
import dev.mcpgateway.proxy.session.SessionSealer;
import dev.mcpgateway.proxy.session.UpstreamSessions;
import dev.mcpgateway.proxy.upstream.Upstreams;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One proxy instance without Quarkus: its own Vert.x, router, session store, upstream clients and
 * caches, wired as CDI wires them. Two of them sharing only a session key are two replicas.
 */
public final class ReplicaStack {

    private final Vertx vertx = Vertx.vertx();
    private final int port;

    /** @param wiring the routes of this instance, built from its parts (McpRoutes lives in another package) */
    public ReplicaStack(ProxyConfig config, String sessionKey, SessionRevocations revocations,
                        java.util.function.Function<Parts, Consumer<Router>> wiring) throws Exception {
        Router router = Router.router(vertx);
        wiring.apply(Parts.build(vertx, config, sessionKey, revocations)).accept(router);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        this.port = server.actualPort();
    }

    public int port() {
        return port;
    }

    public Vertx vertx() {
        return vertx;
    }

    public void stop() {
        vertx.close();
    }

    /** The pieces of one instance, as CDI would build them. */
    public record Parts(ProxyConfig config, Upstreams upstreams, GrantResolver grants, SealedSessionStore sessions,
                        UpstreamSessions upstreamSessions, PolicyGateway policy, DecisionEmitter emitter,
                        SimpleMeterRegistry registry) {

        public static Parts build(Vertx vertx, ProxyConfig config, String sessionKey, SessionRevocations revocations) {
            PolicyGateway policy = new AllowAll();
            SealedSessionStore store = new SealedSessionStore(new SessionSealer(sessionKey), revocations,
                    Duration.ofMinutes(30), 10_000, Duration.ofHours(1));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            return new Parts(config, new Upstreams(vertx, config), new GrantResolver(policy, config), store,
                    new UpstreamSessions(store), policy, new DecisionEmitter(new AuditOutbox(10_000, null, registry), () -> true, false, registry), registry);
        }
    }

    /** policy-service that knows one token and allows every call. */
    public static final class AllowAll implements PolicyGateway {
        @Override
        public Uni<ResolveGrantResponse> resolveGrant(String token) {
            if (!FakePolicyService.TOKEN.equals(token)) {
                return Uni.createFrom().failure(Status.UNAUTHENTICATED.asRuntimeException());
            }
            return Uni.createFrom().item(ResolveGrantResponse.newBuilder().setGrantId("grant-1").setGrantName("demo")
                    .setServer("").setPolicyId("policy-1").build());
        }

        @Override
        public Uni<DecideResponse> decide(DecideRequest request) {
            return Uni.createFrom().item(DecideResponse.newBuilder().setDecision(Decision.ALLOW).setEnforced(true)
                    .setDecisionId("d-" + System.nanoTime()).build());
        }

        @Override
        public Uni<Void> settle(SettleRequest request) {
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<List<String>> filterTools(FilterToolsRequest request) {
            return Uni.createFrom().item(request.getToolsList());
        }
    }
}
