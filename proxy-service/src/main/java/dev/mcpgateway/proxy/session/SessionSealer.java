package dev.mcpgateway.proxy.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgateway.proxy.ProxyConfig;
import dev.mcpgateway.proxy.jsonrpc.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Seals a session into the {@code Mcp-Session-Id} the client holds, so that any replica sharing the key
 * (and this one after a restart) can go on with it: AES-GCM over the session's fields, a random 96-bit
 * nonce per id, authenticated, so an id cannot be read, forged or altered by the client. Format:
 * {@code <session key>.base64url(version byte 1 | nonce | ciphertext+tag)}. The short session key in
 * front is the one the audit log and metrics use, so an operator can go from a client's
 * Mcp-Session-Id to its decisions; it is bound into the tag (AAD), so it cannot be swapped.
 */
@ApplicationScoped
public class SessionSealer {

    private static final Logger LOG = Logger.getLogger(SessionSealer.class);
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] AAD = "mcp-gateway/session/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKey key;
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(SessionSealer::newCipher);

    @jakarta.inject.Inject
    public SessionSealer(ProxyConfig config) {
        this(config.sessions().key().orElse(null));
    }

    /** @param base64Key the key, or {@code null} to generate one (sessions then end with the process) */
    public SessionSealer(String base64Key) {
        byte[] raw;
        if (base64Key == null || base64Key.isBlank()) {
            raw = new byte[32];
            RANDOM.nextBytes(raw);
            LOG.warn("proxy.sessions.key is not set: sealing session ids with a random key. Sessions will not survive a"
                    + " restart and other replicas cannot continue them; set PROXY_SESSIONS_KEY (base64 of 32 random bytes)"
                    + " to the same value on every replica.");
        } else {
            try {
                raw = Base64.getDecoder().decode(base64Key.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("proxy.sessions.key must be base64", e);
            }
            if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
                throw new IllegalArgumentException("proxy.sessions.key must be 16, 24 or 32 bytes (base64), not " + raw.length);
            }
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** The sealed id of {@code session} (its {@code token} field is ignored). */
    public String seal(ProxySession session) {
        ObjectNode claims = Json.object();
        claims.put("sid", session.id());
        claims.put("srv", session.server());
        claims.put("gid", session.grantId());
        claims.put("gnm", session.grantName());
        claims.put("usid", session.upstreamSessionId());
        claims.put("pv", session.protocolVersion());
        claims.set("ip", session.initializeParams());
        claims.put("iat", session.createdAt().getEpochSecond());
        claims.put("exp", session.expiresAt().getEpochSecond());
        byte[] plain = Json.bytes(claims);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = ciphers.get();
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(AAD);
            c.updateAAD(session.id().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] sealed = c.doFinal(plain);
            ByteBuffer out = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length);
            out.put(VERSION).put(nonce).put(sealed);
            return session.id() + "." + ENCODER.encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** The session inside a client-supplied id; empty when it was not sealed with this key or was altered. */
    public Optional<ProxySession> unseal(String token) {
        try {
            int dot = token.indexOf('.');
            if (dot <= 0) {
                return Optional.empty();
            }
            String sid = token.substring(0, dot);
            byte[] all = DECODER.decode(token.substring(dot + 1));
            if (all.length < 1 + NONCE_BYTES + TAG_BITS / 8 || all[0] != VERSION) {
                return Optional.empty();
            }
            Cipher c = ciphers.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 1, NONCE_BYTES));
            c.updateAAD(AAD);
            c.updateAAD(sid.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] plain = c.doFinal(all, 1 + NONCE_BYTES, all.length - 1 - NONCE_BYTES);
            JsonNode n = Json.MAPPER.readTree(plain);
            if (!sid.equals(n.path("sid").asText())) {
                return Optional.empty();
            }
            ObjectNode params = n.get("ip") instanceof ObjectNode o ? o : Json.object();
            return Optional.of(new ProxySession(n.path("sid").asText(), token, n.path("srv").asText(),
                    n.path("gid").asText(), n.path("gnm").asText(null), n.path("usid").asText(null),
                    n.path("pv").asText(null), params, Instant.ofEpochSecond(n.path("iat").asLong()),
                    Instant.ofEpochSecond(n.path("exp").asLong())));
        } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
            return Optional.empty(); // forged, altered, truncated or sealed with another key: no such session
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is always available", e);
        }
    }
}
