package dev.mcpgateway.catalog.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgateway.catalog.definition.ToolDefinition;
import dev.mcpgateway.catalog.tool.Category;
import dev.mcpgateway.catalog.tool.Risk;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Classifies a tool from what its server exposes: MCP annotations, the verbs in its name, its description and
 * the parameter names of its input schema. It never sees a catalog label. Rules, in order:
 * <ol>
 *   <li>money words in the name or money parameters (amount, price, currency...) → financial;</li>
 *   <li>otherwise the first verb (or read-only noun such as "analytics") in the name decides; a write verb becomes
 *       execute when the description opens with an action verb ("Start...", "Send...") or the parameters describe
 *       an email to send (recipients, or subject plus body);</li>
 *   <li>with no verb in the name, the description's first word is tried;</li>
 *   <li>annotations can only make the verdict more cautious: a server claiming {@code readOnlyHint} on a
 *       "delete_" tool gets destructive, not read;</li>
 *   <li>no signal at all → MCP's defaults for a tool without annotations (not read-only, destructive, open
 *       world) → destructive, high.</li>
 * </ol>
 * Risk starts from the category and moves on secrets, egress parameters (url, webhook...), account-wide scope,
 * irreversibility wording and low-impact targets (tags, folders, pausing).
 */
public final class Classifier {

    private static final Set<String> READ = Set.of("get", "list", "fetch", "search", "find", "view", "show", "read", "query",
            "describe", "lookup", "check", "count", "export", "download", "retrieve", "inspect", "summarize", "preview",
            "analyze", "analytics", "stats", "statistics", "report", "metrics", "summary", "details", "info");
    private static final Set<String> WRITE = Set.of("create", "add", "update", "set", "save", "edit", "modify", "change", "put",
            "patch", "upsert", "insert", "pause", "stop", "unsubscribe", "generate", "register", "attach", "enable",
            "disable", "rename", "tag", "label", "assign", "move", "archive", "import", "upload", "configure", "mark",
            "link", "schedule", "block", "unblock", "approve", "write", "store", "make");
    // "email" and "message" are left out: as name words they are far more often nouns ("get_email_account").
    private static final Set<String> EXECUTE = Set.of("send", "reply", "forward", "retrigger", "resend",
            "trigger", "run", "execute", "exec", "launch", "start", "resume", "reconnect", "retry", "invoke", "publish",
            "dispatch", "notify", "deploy", "call", "broadcast");
    private static final Set<String> DESTRUCTIVE = Set.of("delete", "remove", "purge", "drop", "destroy", "reset", "revoke",
            "wipe", "clear", "truncate", "erase", "detach", "terminate", "kill", "cancel", "unlink");
    private static final Set<String> MONEY_NAME = Set.of("buy", "purchase", "order", "pay", "payment", "payout", "charge",
            "refund", "transfer", "invoice", "checkout", "billing", "withdraw", "deposit");
    private static final Set<String> MONEY_PARAM = Set.of("amount", "price", "currency", "cost", "payment", "card", "iban",
            "invoice", "billing", "fee", "budget");
    private static final Set<String> RECIPIENT_PARAMS = Set.of("to", "to_email", "to_emails", "recipient", "recipients",
            "forward_to", "cc", "bcc");
    private static final Set<String> BODY_PARAMS = Set.of("message", "body", "email_content", "content", "html", "text", "email_body");
    private static final Set<String> EGRESS = Set.of("url", "uri", "webhook", "endpoint", "callback", "hook");
    private static final Set<String> SECRET = Set.of("password", "passwords", "secret", "secrets", "token", "tokens",
            "credential", "credentials", "passphrase");
    private static final Set<String> WIDE = Set.of("all", "global", "bulk", "blocklist", "blacklist", "account");
    private static final Set<String> SOFT_TARGETS = Set.of("tag", "label", "folder", "category", "note");
    private static final Set<String> RESTART_VERBS = Set.of("resume", "reconnect", "retry");

    private Classifier() {
    }

    public static Classification classify(ToolDefinition tool) {
        List<String> signals = new ArrayList<>();
        List<String> name = Words.of(tool.name());
        Set<String> nameWords = new LinkedHashSet<>(name);
        Set<String> params = topLevelProperties(tool.inputSchema());
        Set<String> paramWords = new LinkedHashSet<>();
        params.forEach(p -> paramWords.addAll(Words.of(p)));
        String description = tool.description() == null ? "" : tool.description().toLowerCase(Locale.ROOT);
        String firstWord = Words.firstWordOf(tool.description());

        String verb = firstVerb(name);
        Category category = fromName(tool, name, nameWords, params, paramWords, firstWord, verb, signals);
        category = applyAnnotations(tool.annotations(), category, signals);
        if (category == null) {
            signals.add("no signal in name, description or annotations: MCP defaults (not read-only, destructive, open world)");
            return new Classification(Category.DESTRUCTIVE, Risk.HIGH, List.copyOf(signals));
        }
        Risk risk = risk(category, verb, nameWords, paramWords, params, description, tool.annotations(), signals);
        return new Classification(category, risk, List.copyOf(signals));
    }

    private static Category fromName(ToolDefinition tool, List<String> name, Set<String> nameWords, Set<String> params,
                                     Set<String> paramWords, String firstWord, String verb, List<String> signals) {
        for (String w : name) {
            if (MONEY_NAME.contains(w)) {
                signals.add("money word '" + w + "' in the name");
                return Category.FINANCIAL;
            }
        }
        for (String p : paramWords) {
            if (MONEY_PARAM.contains(p)) {
                signals.add("money parameter ('" + p + "')");
                return Category.FINANCIAL;
            }
        }
        Category byVerb = verb == null ? null : categoryOf(verb);
        if (byVerb == null) {
            byVerb = categoryOf(firstWord);
            if (byVerb != null) {
                signals.add("no verb in the name; description opens with '" + firstWord + "'");
            }
            return byVerb;
        }
        signals.add("verb '" + verb + "' in the name → " + byVerb.wire());
        if (byVerb == Category.WRITE) {
            if (EXECUTE.contains(firstWord)) {
                signals.add("description opens with '" + firstWord + "' → execute");
                return Category.EXECUTE;
            }
            if (sendsEmail(params)) {
                signals.add("parameters describe an email to send → execute");
                return Category.EXECUTE;
            }
        }
        return byVerb;
    }

    private static Category applyAnnotations(JsonNode annotations, Category category, List<String> signals) {
        if (annotations == null || !annotations.isObject()) {
            return category;
        }
        JsonNode readOnly = annotations.get("readOnlyHint");
        JsonNode destructive = annotations.get("destructiveHint");
        Category hinted = null;
        if (readOnly != null && readOnly.asBoolean(false)) {
            hinted = Category.READ;
        } else if (readOnly != null || destructive != null) {
            // Not read-only: destructive unless the server says otherwise (MCP's default for destructiveHint is true).
            hinted = destructive != null && !destructive.asBoolean(true) ? Category.WRITE : Category.DESTRUCTIVE;
        }
        if (hinted == null) {
            return category;
        }
        if (category == null) {
            signals.add("annotations → " + hinted.wire());
            return hinted;
        }
        if (hinted.ordinal() > category.ordinal()) {
            signals.add("annotations say " + hinted.wire() + ", more cautious than " + category.wire());
            return hinted;
        }
        if (hinted.ordinal() < category.ordinal()) {
            signals.add("annotations claim " + hinted.wire() + "; kept " + category.wire() + " (hints only make it more cautious)");
        }
        return category;
    }

    private static Risk risk(Category category, String verb, Set<String> nameWords, Set<String> paramWords, Set<String> params,
                             String description, JsonNode annotations, List<String> signals) {
        boolean secretInName = nameWords.stream().anyMatch(SECRET::contains) || hasApiKey(nameWords);
        boolean secretParam = paramWords.stream().anyMatch(SECRET::contains) || hasApiKey(paramWords);
        boolean egress = paramWords.stream().anyMatch(EGRESS::contains);
        boolean wide = nameWords.stream().anyMatch(WIDE::contains);
        Risk risk = switch (category) {
            case READ -> Risk.LOW;
            case WRITE -> Risk.MEDIUM;
            case EXECUTE, DESTRUCTIVE -> Risk.HIGH;
            case FINANCIAL -> Risk.CRITICAL;
        };
        switch (category) {
            case READ -> {
                if (secretInName) {
                    signals.add("reads secrets → high");
                    risk = Risk.HIGH;
                } else if ("export".equals(verb) || "download".equals(verb)) {
                    signals.add("bulk export → medium");
                    risk = Risk.MEDIUM;
                }
            }
            case WRITE -> {
                if (secretInName && ("create".equals(verb) || "generate".equals(verb) || "add".equals(verb))) {
                    signals.add("issues a credential → critical");
                    risk = Risk.CRITICAL;
                } else if (secretParam || secretInName) {
                    signals.add("handles credentials → high");
                    risk = Risk.HIGH;
                } else if (egress) {
                    signals.add("url/webhook parameter: data can leave → high");
                    risk = Risk.HIGH;
                } else if (wide) {
                    signals.add("account-wide scope → high");
                    risk = Risk.HIGH;
                } else if ("pause".equals(verb) || nameWords.stream().anyMatch(SOFT_TARGETS::contains)) {
                    signals.add("reversible or organisational change → low");
                    risk = Risk.LOW;
                }
            }
            case EXECUTE -> {
                if (egress) {
                    signals.add("url/webhook parameter: data can leave → high");
                } else if (RESTART_VERBS.contains(verb)) {
                    signals.add("restarts something already configured → medium");
                    risk = Risk.MEDIUM;
                }
            }
            case DESTRUCTIVE -> {
                if ((secretInName && "reset".equals(verb)) || description.contains("permanent")
                        || description.contains("irreversib") || description.contains("cannot be undone")) {
                    signals.add("irreversible → critical");
                    risk = Risk.CRITICAL;
                } else if ("remove".equals(verb) || "detach".equals(verb) || "unlink".equals(verb)
                        || nameWords.stream().anyMatch(SOFT_TARGETS::contains)) {
                    signals.add("removes a link or an organisational record → medium");
                    risk = Risk.MEDIUM;
                }
            }
            case FINANCIAL -> signals.add("spends money → critical");
        }
        if (risk == Risk.LOW && annotations != null && annotations.path("openWorldHint").asBoolean(false) && category != Category.READ) {
            signals.add("open world → medium");
            risk = Risk.MEDIUM;
        }
        return risk;
    }

    private static String firstVerb(List<String> words) {
        for (String w : words) {
            if (categoryOf(w) != null) {
                return w;
            }
        }
        return null;
    }

    private static Category categoryOf(String word) {
        if (word == null || word.isEmpty()) {
            return null;
        }
        if (DESTRUCTIVE.contains(word)) {
            return Category.DESTRUCTIVE;
        }
        if (EXECUTE.contains(word)) {
            return Category.EXECUTE;
        }
        if (WRITE.contains(word)) {
            return Category.WRITE;
        }
        if (READ.contains(word)) {
            return Category.READ;
        }
        return null;
    }

    private static boolean sendsEmail(Set<String> params) {
        if (params.stream().anyMatch(RECIPIENT_PARAMS::contains)) {
            return true;
        }
        return params.contains("subject") && params.stream().anyMatch(BODY_PARAMS::contains);
    }

    private static boolean hasApiKey(Set<String> words) {
        return words.contains("key") || words.contains("keys") || words.contains("apikey");
    }

    /** Parameter names at the top level of the input schema, lower-cased; nested objects are data, not intent. */
    private static Set<String> topLevelProperties(JsonNode schema) {
        Set<String> names = new LinkedHashSet<>();
        JsonNode props = schema == null ? null : schema.get("properties");
        if (props != null && props.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = props.fields();
            while (it.hasNext()) {
                names.add(it.next().getKey().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
