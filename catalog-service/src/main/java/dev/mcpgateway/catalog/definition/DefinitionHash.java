package dev.mcpgateway.catalog.definition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 (lower-case hex) over the canonical JSON of a tool definition. */
public final class DefinitionHash {

    private DefinitionHash() {
    }

    public static String of(ToolDefinition definition) {
        return sha256Hex(CanonicalJson.write(definition.toJson()));
    }

    static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
