package dev.mcpgateway.support.auth;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Reads the JWT settings from the {@code OPERATOR_JWT_*} variables into smallrye-jwt's keys, and only when they are
 * set: a key present with an empty value (what {@code mp.jwt.verify.issuer=${OPERATOR_JWT_ISSUER:}} would give)
 * stops smallrye-jwt at start. Ranks above application.properties and below the environment and system
 * properties, so {@code MP_JWT_VERIFY_*} still win.
 */
public class OperatorJwtConfigSource implements ConfigSource {
    static final Map<String, String> KEYS = Map.of(
            JwtSettings.KEY_LOCATION, "OPERATOR_JWT_PUBLIC_KEY_LOCATION",
            JwtSettings.ISSUER, "OPERATOR_JWT_ISSUER");

    private final Function<String, String> env;

    public OperatorJwtConfigSource() {
        this(System::getenv);
    }

    OperatorJwtConfigSource(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public Set<String> getPropertyNames() {
        return KEYS.keySet().stream().filter(k -> getValue(k) != null).collect(Collectors.toSet());
    }

    @Override
    public String getValue(String propertyName) {
        String var = KEYS.get(propertyName);
        String v = var == null ? null : env.apply(var);
        return v == null || v.isBlank() ? null : v.strip();
    }

    @Override
    public String getName() {
        return "OPERATOR_JWT_* environment variables";
    }

    @Override
    public int getOrdinal() {
        return 270;
    }
}
