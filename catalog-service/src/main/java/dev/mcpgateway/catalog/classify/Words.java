package dev.mcpgateway.catalog.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits identifiers and prose into lower-case words: snake_case, kebab-case, dotted and camelCase alike. */
final class Words {

    private Words() {
    }

    static List<String> of(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        String spaced = text.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        for (String w : spaced.split("[^A-Za-z0-9]+")) {
            if (!w.isEmpty()) {
                words.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }

    /** The first word of a description, with "Re-send" read as "resend". */
    static String firstWordOf(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replaceFirst("^re-", "re");
        List<String> words = of(t);
        return words.isEmpty() ? "" : words.get(0);
    }
}
