package dev.mcpgateway.proxy.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Session keys (128 random bits, URL-safe Base64) and the cheap check of client-supplied session ids. */
public final class SessionIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** Sealed ids carry the client's initialize params; kept below the 8 KiB header limit of the HTTP server. */
    public static final int MAX_LENGTH = 6144;

    private SessionIds() {
    }

    /** A session's short key: 128 random bits. */
    public static String newKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Whether a client-supplied id could be one of ours (cheap guard before any lookup). */
    public static boolean plausible(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
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
