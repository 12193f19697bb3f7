package dev.mcpgateway.support.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Operator access control (prefix {@code operator.auth}), the same in every operator-facing service.
 * JWT verification itself is configured with smallrye-jwt's keys, set from {@code OPERATOR_JWT_*} variables in this
 * module's {@code META-INF/microprofile-config.properties}.
 */
@ConfigMapping(prefix = "operator.auth")
public interface OperatorAuthConfig {

    /**
     * The operator token file ({@code name role sha256-hex} per line). Set by {@code OPERATOR_TOKENS_FILE}.
     * Absent: no operator token opens anything (JWTs still may). Re-read when it changes.
     */
    Optional<String> tokensFile();

    /** How often the token file is checked for changes. Default 5s. */
    @WithDefault("5s")
    Duration reloadEvery();

    /**
     * Prefix of agent grant tokens (policy-service's {@code policy.grants.token-prefix}): such a token is refused
     * with a message that says so. Default {@code mcpg_}.
     */
    @WithDefault("mcpg_")
    String grantTokenPrefix();
}
