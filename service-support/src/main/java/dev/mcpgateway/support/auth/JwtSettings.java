package dev.mcpgateway.support.auth;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Whether OIDC/JWT bearer tokens are accepted: only when both a verification key (a PEM/JWK file or a JWKS URL)
 * and the expected issuer are set. One without the other stops the service: a JWT check that does not pin the
 * issuer would accept any token the key's owner ever signed.
 */
@Startup
@ApplicationScoped
public class JwtSettings {
    static final String KEY_LOCATION = "mp.jwt.verify.publickey.location";
    static final String KEY = "mp.jwt.verify.publickey";
    static final String ISSUER = "mp.jwt.verify.issuer";
    private static final Logger LOG = Logger.getLogger(JwtSettings.class);

    private final Config config;
    private boolean enabled;

    public JwtSettings(Config config) {
        this.config = config;
    }

    @PostConstruct
    void check() {
        boolean key = present(KEY_LOCATION) || present(KEY);
        boolean issuer = present(ISSUER);
        if (key != issuer) {
            throw new IllegalStateException("JWT verification needs both a key (OPERATOR_JWT_PUBLIC_KEY_LOCATION, i.e. "
                    + KEY_LOCATION + ") and an issuer (OPERATOR_JWT_ISSUER, i.e. " + ISSUER + "); only "
                    + (key ? "the key" : "the issuer") + " is set.");
        }
        enabled = key;
        if (enabled) {
            LOG.infof("OIDC/JWT bearer tokens accepted from issuer %s; roles from claim %s.",
                    config.getValue(ISSUER, String.class),
                    config.getOptionalValue("smallrye.jwt.path.groups", String.class).orElse("groups"));
        }
    }

    public boolean enabled() {
        return enabled;
    }

    private boolean present(String key) {
        Optional<String> v = config.getOptionalValue(key, String.class);
        return v.isPresent() && !v.get().isBlank();
    }
}
