package dev.mcpgateway.proxy.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Session ids: 256 random bits, URL-safe Base64 (visible ASCII only, as the spec requires). */
public final class SessionIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SessionIds() {
    }

    public static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Whether a client-supplied id could be one of ours (cheap guard before any lookup). */
    public static boolean plausible(String id) {
        if (id == null || id.isEmpty() || id.length() > 256) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
