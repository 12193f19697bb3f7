package dev.mcpgateway.policy.document;

/** Builds RFC 6901 JSON pointers; tool keys may contain '/' or '~' and must be escaped. */
public final class JsonPointers {
    private JsonPointers() {
    }

    public static String escape(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String parent, String token) {
        return parent + "/" + escape(token);
    }

    public static String child(String parent, int index) {
        return parent + "/" + index;
    }
}
