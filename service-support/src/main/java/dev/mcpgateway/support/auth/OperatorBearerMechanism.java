package dev.mcpgateway.support.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The one way in to the operator APIs: {@code Authorization: Bearer <token>}, where the token is
 * <ul>
 *   <li>an operator token ({@code mgw_op_…}), checked against the token file;</li>
 *   <li>an agent grant token: refused, always, with a message saying so;</li>
 *   <li>otherwise a JWT, verified by smallrye-jwt when JWT verification is configured ({@link JwtSettings}).</li>
 * </ul>
 * It runs before smallrye-jwt's own mechanism (higher priority) and answers every bearer token itself, so the
 * JWT mechanism never sees an operator or grant token.
 */
@ApplicationScoped
public class OperatorBearerMechanism implements HttpAuthenticationMechanism {
    static final String BEARER = "bearer ";

    private final OperatorAuthConfig config;
    private final JWTAuthMechanism jwt;
    private final JwtSettings jwtSettings;

    public OperatorBearerMechanism(OperatorAuthConfig config, JWTAuthMechanism jwt, JwtSettings jwtSettings) {
        this.config = config;
        this.jwt = jwt;
        this.jwtSettings = jwtSettings;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        String token = header.substring(BEARER.length()).strip();
        if (token.startsWith(TokenFile.PREFIX)) {
            return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new OperatorTokenRequest(token), context));
        }
        if (token.startsWith(config.grantTokenPrefix())) {
            return fail("Agent grant tokens never open operator APIs: use an operator token (mgw_op_…) or an OIDC/JWT bearer token.");
        }
        if (token.chars().filter(c -> c == '.').count() != 2) {
            return fail("The bearer token is neither an operator token (mgw_op_…) nor a JWT.");
        }
        if (!jwtSettings.enabled()) {
            return fail("JWT bearer tokens are not accepted here: this service has no JWT verification configured "
                    + "(OPERATOR_JWT_PUBLIC_KEY_LOCATION and OPERATOR_JWT_ISSUER).");
        }
        return jwt.authenticate(context, identities)
                .onFailure().transform(e -> new AuthenticationFailedException(
                        "The JWT was rejected (signature, issuer or expiry did not verify).", e));
    }

    private static Uni<SecurityIdentity> fail(String message) {
        return Uni.createFrom().failure(new AuthenticationFailedException(message));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(OperatorTokenRequest.class, TokenAuthenticationRequest.class);
    }

    /** Ahead of smallrye-jwt's mechanism (priority 1000 by default): mechanisms run highest priority first. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }
}
