package dev.mcpgateway.support.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns an operator token into an identity: the token's name as principal, its role as the role. */
@ApplicationScoped
public class OperatorTokenIdentityProvider implements IdentityProvider<OperatorTokenRequest> {
    /** Identity attribute naming how the caller authenticated ({@code operator-token} or {@code jwt}). */
    public static final String AUTH_ATTRIBUTE = "mcpgateway.auth";

    private final OperatorTokens tokens;

    public OperatorTokenIdentityProvider(OperatorTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<OperatorTokenRequest> getRequestType() {
        return OperatorTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(OperatorTokenRequest request, AuthenticationRequestContext context) {
        return tokens.find(request.token())
                .<Uni<SecurityIdentity>>map(t -> Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(t.name()))
                        .addRole(t.role().wireName())
                        .addAttribute(AUTH_ATTRIBUTE, "operator-token")
                        .build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException(
                        "Unknown or revoked operator token.")));
    }
}
