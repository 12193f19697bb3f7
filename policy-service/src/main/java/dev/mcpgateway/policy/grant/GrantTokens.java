package dev.mcpgateway.policy.grant;

import java.security.SecureRandom;
import java.util.Base64;

/** New bearer tokens: a recognizable prefix and 32 random bytes, URL-safe base64 without padding. */
public final class GrantTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private GrantTokens() {
    }

    public static String newToken(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + URL_SAFE.encodeToString(bytes);
    }
}
