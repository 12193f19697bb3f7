package dev.mcpgateway.policy.document;

/**
 * A tool-name glob: {@code *} matches any run of characters, {@code ?} one character. Matched with
 * the classic two-pointer algorithm (no regex, no recursion), so a hostile tool name cannot make it
 * backtrack exponentially.
 */
public final class Glob {
    private final String pattern;
    private final int literalChars;

    public Glob(String pattern) {
        this.pattern = pattern;
        int n = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '*' && c != '?') {
                n++;
            }
        }
        this.literalChars = n;
    }

    public static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    public String pattern() {
        return pattern;
    }

    /** How specific the glob is: more literal characters = more specific. */
    public int literalChars() {
        return literalChars;
    }

    public boolean matches(String s) {
        int p = 0;
        int i = 0;
        int star = -1;
        int mark = 0;
        int plen = pattern.length();
        int slen = s.length();
        while (i < slen) {
            if (p < plen && (pattern.charAt(p) == '?' || pattern.charAt(p) == s.charAt(i))) {
                p++;
                i++;
            } else if (p < plen && pattern.charAt(p) == '*') {
                star = p++;
                mark = i;
            } else if (star >= 0) {
                p = star + 1;
                i = ++mark;
            } else {
                return false;
            }
        }
        while (p < plen && pattern.charAt(p) == '*') {
            p++;
        }
        return p == plen;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
