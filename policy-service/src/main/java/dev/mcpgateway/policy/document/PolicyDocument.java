package dev.mcpgateway.policy.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A validated, compiled policy. Immutable, so the evaluator reads it without locks and a new
 * version can be swapped in atomically.
 *
 * @param version        the document's {@code version}, reported with every decision
 * @param defaultAllow   {@code default: allow}
 * @param hide           globs (plain names are globs without wildcards), in document order
 * @param exactTools     rules whose key has no wildcard
 * @param globTools      rules whose key is a glob, most specific first
 * @param riskRules      rules keyed by catalog risk level (low, medium, high, critical)
 * @param categoryRules  rules keyed by catalog category (any other key of {@code risk})
 * @param allToolsLimits limits over every call
 * @param auditArgumentValues argument paths whose values may be written to the audit log
 * @param strictArguments {@code strict_arguments: true}: arguments the tool's input schema does not declare are
 *                       refused even where the schema allows additional properties (checked by the proxy, which
 *                       holds the schemas; carried in {@code DecideResponse.strict_arguments})
 * @param denyChangedTools {@code deny_changed_tools: true}: a tool whose definition changed in the catalog and was
 *                       not accepted by an operator yet is denied (rule {@code /deny_changed_tools})
 * @param source         the document as written, for GET and explain
 */
public record PolicyDocument(String id, long version, Mode mode, boolean defaultAllow, List<Glob> hide,
                             Map<String, ToolRule> exactTools, List<GlobRule> globTools,
                             Map<String, ToolRule> riskRules, Map<String, ToolRule> categoryRules,
                             List<Limit> allToolsLimits, List<String> auditArgumentValues, boolean strictArguments,
                             boolean denyChangedTools, JsonNode source) {

    /** The same document reported under another version: the stored version number, which rises with every change. */
    public PolicyDocument withVersion(long storedVersion) {
        return new PolicyDocument(id, storedVersion, mode, defaultAllow, hide, exactTools, globTools, riskRules,
                categoryRules, allToolsLimits, auditArgumentValues, strictArguments, denyChangedTools, source);
    }
}
