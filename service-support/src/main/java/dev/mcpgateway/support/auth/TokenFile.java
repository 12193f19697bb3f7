package dev.mcpgateway.support.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operator token file: one token per line, {@code name role sha256-hex}; blank lines and {@code #} comments
 * are ignored. Only hashes are stored, so the file can be read by every service without handing out tokens.
 * A malformed line rejects the whole file (with its line number): a half-read file would lock some operators out.
 */
public final class TokenFile {
    /** Operator tokens start with this, so they are recognizable (secret scanners, logs) and never taken for grants. */
    public static final String PREFIX = "mgw_op_";

    private final List<OperatorToken> tokens;

    private TokenFile(List<OperatorToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    public static TokenFile empty() {
        return new TokenFile(List.of());
    }

    public static TokenFile parse(String text) {
        List<OperatorToken> tokens = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            int no = i + 1;
            if (f.length != 3) {
                throw new IllegalArgumentException("line " + no + ": expected `name role sha256-hex`, found " + f.length + " fields");
            }
            OperatorRole role = OperatorRole.fromWire(f[1]).orElseThrow(() -> new IllegalArgumentException(
                    "line " + no + ": unknown role `" + f[1] + "` (roles: " + OperatorRole.wireNames() + ")"));
            if (!f[2].matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("line " + no + ": the hash must be 64 hex digits (sha256 of the token)");
            }
            if (!names.add(f[0])) {
                throw new IllegalArgumentException("line " + no + ": the name `" + f[0] + "` is used twice");
            }
            tokens.add(new OperatorToken(f[0], role, HexFormat.of().parseHex(f[2].toLowerCase())));
        }
        return new TokenFile(tokens);
    }

    public int size() {
        return tokens.size();
    }

    /**
     * The entry whose hash matches the token. Every entry is compared, each in constant time, so the answer's
     * timing says nothing about which entry (or how much of a hash) matched.
     */
    public Optional<OperatorToken> find(String token) {
        byte[] hash = sha256(token);
        OperatorToken found = null;
        for (OperatorToken t : tokens) {
            if (MessageDigest.isEqual(t.sha256(), hash) && found == null) {
                found = t;
            }
        }
        return Optional.ofNullable(found);
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
