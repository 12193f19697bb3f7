package dev.mcpgateway.catalog.poison;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.catalog.definition.ToolDefinition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags text in a tool definition that is aimed at the model rather than at a person: instructions to ignore
 * the operator, hidden tags, invisible Unicode, requests to read local files or send data elsewhere. Tool
 * descriptions go straight into the agent's context, so they are a prompt-injection channel ("tool poisoning").
 * Every string is scanned: title, description, and everything inside the schemas (parameter descriptions
 * are a favourite hiding place). Findings are reasons for review, not proof.
 */
public final class PoisonDetector {

    private static final int CASE = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final Pattern HIDDEN_TAG = Pattern.compile(
            "<\\s*/?\\s*(important|system|instructions?|secret|hidden|admin|prompt|context|assistant|sudo)\\b[^>]{0,80}>"
                    + "|<!--|\\[/?INST]|<\\|im_(start|end)\\|>", CASE);

    private static final List<Map.Entry<String, Pattern>> INSTRUCTIONS = List.of(
            Map.entry("tells the model to ignore earlier instructions",
            Pattern.compile("\\b(ignore|disregard|forget|override)\\s+(all\\s+|any\\s+)?(of\\s+)?(the\\s+|your\\s+)?"
                    + "(previous|prior|above|earlier|preceding|other|system|original)\\s+(instructions?|prompts?|messages?|rules|guidelines)", CASE)),
            Map.entry("tells the model to hide something from the user",
            Pattern.compile("\\b(do\\s+not|don't|never)\\s+(tell|inform|mention|reveal|show|notify|alert)\\b[^.]{0,40}\\buser"
                    + "|\\bwithout\\s+(telling|informing|notifying|alerting)\\s+the\\s+user"
                    + "|\\buser\\s+(must|should)\\s+not\\s+(know|see|be\\s+told)", CASE)),
            Map.entry("addresses the model's own instructions or role",
            Pattern.compile("\\b(system\\s+prompt|you\\s+are\\s+now\\b|new\\s+instructions\\s*:|as\\s+an\\s+ai\\b|act\\s+as\\s+(an?\\s+)?(admin|root|developer))", CASE)),
            Map.entry("orders the model to call tools on its own",
            Pattern.compile("\\b(you\\s+must|always)\\s+(first\\s+)?(call|run|invoke|use|execute)\\s+(the\\s+)?\\w+\\s+tool\\b", CASE)));

    private static final Pattern FILE_ACCESS = Pattern.compile(
            "~/\\.|\\bid_(rsa|ed25519|ecdsa)\\b|/etc/(passwd|shadow)|\\.aws/credentials|\\.ssh/|\\.env\\b|\\bmcp\\.json\\b"
                    + "|\\b(read|open|cat|load)\\s+(the\\s+)?(contents?\\s+of\\s+)?(the\\s+)?(local\\s+)?(file|config(uration)?\\s+file)\\b"
                    + "|\\bprivate\\s+key\\b", CASE);

    private static final Pattern EXFILTRATION = Pattern.compile(
            "\\b(send|post|upload|forward|transmit|exfiltrate|copy)\\b[^.]{0,60}\\bto\\s+(https?://|ftp://|\\S+@\\S+\\.\\w+)"
                    + "|\\b(include|pass|put|append|embed)\\s+(the\\s+|your\\s+|all\\s+|any\\s+)?"
                    + "(api[\\s_-]?keys?|tokens?|passwords?|secrets?|credentials|conversation|chat\\s+history|previous\\s+messages)\\b", CASE);

    private PoisonDetector() {
    }

    public static List<PoisonFlag> scan(ToolDefinition definition) {
        List<PoisonFlag> flags = new ArrayList<>();
        scanText("title", definition.title(), flags);
        scanText("description", definition.description(), flags);
        scanNode("inputSchema", definition.inputSchema(), flags);
        scanNode("outputSchema", definition.outputSchema(), flags);
        scanNode("annotations", definition.annotations(), flags);
        return flags;
    }

    private static void scanNode(String path, JsonNode node, List<PoisonFlag> flags) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            scanText(path, node.textValue(), flags);
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String childPath = path + "." + field.getKey();
                invisible(childPath + " (key)", field.getKey(), flags);
                scanNode(childPath, field.getValue(), flags);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                scanNode(path + "[" + i + "]", node.get(i), flags);
            }
        }
    }

    static void scanText(String field, String text, List<PoisonFlag> flags) {
        if (text == null || text.isEmpty()) {
            return;
        }
        invisible(field, text, flags);
        // Match on the text with invisible characters removed, so "ig\u200Bnore previous instructions" is still found.
        String visible = stripInvisible(text);
        find(HIDDEN_TAG, visible, field, PoisonFlag.HIDDEN_TAG, "contains a markup tag or comment hidden from people but read by the model", flags);
        INSTRUCTIONS.forEach(e -> find(e.getValue(), visible, field, PoisonFlag.MODEL_INSTRUCTION, e.getKey(), flags));
        find(FILE_ACCESS, visible, field, PoisonFlag.FILE_ACCESS, "asks for local files or secrets (paths such as ~/.ssh, .env, mcp.json)", flags);
        find(EXFILTRATION, visible, field, PoisonFlag.EXFILTRATION, "asks to send data or secrets to a place of its choosing", flags);
    }

    private static void find(Pattern pattern, String text, String field, String code, String reason, List<PoisonFlag> flags) {
        Matcher m = pattern.matcher(text);
        if (m.find()) {
            flags.add(new PoisonFlag(code, field, reason, excerpt(text, m.start(), m.end())));
        }
    }

    private static void invisible(String field, String text, List<PoisonFlag> flags) {
        int first = -1;
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isInvisible(cp)) {
                count++;
                if (first < 0) {
                    first = i;
                }
            }
            i += Character.charCount(cp);
        }
        if (count > 0) {
            flags.add(new PoisonFlag(PoisonFlag.INVISIBLE_CHARACTERS, field,
                    count + " zero-width, bidirectional-control or tag character(s) that hide or reorder text",
                    excerpt(text, first, first + 1)));
        }
    }

    /** Zero-width, bidi controls and Unicode tag characters: invisible to a person, read by a model. */
    static boolean isInvisible(int cp) {
        return (cp >= 0x200B && cp <= 0x200F) // zero-width space/joiners, LRM, RLM
                || (cp >= 0x202A && cp <= 0x202E) // bidi embeddings and overrides
                || (cp >= 0x2060 && cp <= 0x2064) // word joiner, invisible operators
                || (cp >= 0x2066 && cp <= 0x2069) // bidi isolates
                || cp == 0xFEFF || cp == 0x180E || cp == 0x061C || cp == 0x00AD
                || (cp >= 0xE0000 && cp <= 0xE007F); // tag characters ("ASCII smuggling")
    }

    static String stripInvisible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !isInvisible(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** The match with some context, invisible characters spelled out so the excerpt itself is safe to show. */
    static String excerpt(String text, int start, int end) {
        int from = Math.max(0, start - 30);
        int to = Math.min(text.length(), Math.max(end, start + 1) + 30);
        StringBuilder out = new StringBuilder();
        text.substring(from, to).codePoints().forEach(cp -> {
            if (isInvisible(cp) || Character.isISOControl(cp)) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        String s = out.toString();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
