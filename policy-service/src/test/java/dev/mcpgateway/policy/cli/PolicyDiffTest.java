package dev.mcpgateway.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.document.PolicyParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyDiffTest {
    private static final String OLD = """
            {"version": "1", "default": "deny", "hide": ["smartlead_internal_*"],
             "tools": {
               "smartlead_delete_campaign": {},
               "smartlead_retrigger_failed_events": {"limits": [{"counter": "retrigger", "window": "minute", "max": 10}]},
               "smartlead_list_campaigns": {},
               "smartlead_send_*": {"require": [{"path": "args.count", "op": "lte", "value": 100}]}
             },
             "risk": {"critical": {"action": "deny"}}}
            """;

    private static PolicyDocument json(String s) {
        return PolicyParser.parse("p", s, false);
    }

    private static PolicyDocument yaml(String s) {
        return PolicyParser.parse("p", s, true);
    }

    @Test
    void theOptionsShowAsChanges() {
        PolicyDocument before = json("{\"version\": \"1\"}");
        PolicyDocument after = json("{\"version\": \"2\", \"strict_arguments\": true, \"deny_changed_tools\": true}");
        assertEquals(List.of("version: 1 → 2", "strict_arguments: false → true", "deny_changed_tools: false → true"),
                PolicyDiff.diff(before, after));
    }

    @Test
    void sameRulesWrittenDifferentlyIsNoChange() {
        PolicyDocument asYaml = yaml("""
                version: 1
                default: deny
                risk: {critical: {action: deny}}
                tools:
                  smartlead_send_*: {require: [{path: args.count, op: lte, value: 100}]}
                  smartlead_list_campaigns: {}
                  smartlead_retrigger_failed_events:
                    limits: [{counter: retrigger, window: minute, max: 10, scope: grant}]
                  smartlead_delete_campaign: {action: allow}
                hide: [smartlead_internal_*]
                """);
        assertEquals(List.of(), PolicyDiff.diff(json(OLD), asYaml));
    }

    @Test
    void changesInRuleTerms() {
        PolicyDocument neu = yaml("""
                version: 2
                default: allow
                mode: monitor
                tools:
                  smartlead_delete_campaign: {action: require_approval, reason: "A human confirms deletions"}
                  smartlead_retrigger_failed_events:
                    limits: [{counter: retrigger, window: minute, max: 5}]
                  smartlead_send_*: {require: [{path: args.count, op: lte, value: 50}]}
                  smartlead_export_leads: {limits: [{counter: exports, window: day, max: 3, scope: session}]}
                risk: {critical: {action: deny}, destructive: {action: require_approval}}
                all_tools: {limits: [{counter: all, window: minute, max: 100}]}
                audit_argument_values: [args.campaign_id]
                """);
        assertEquals(List.of(
                "version: 1 → 2",
                "default: deny → allow",
                "mode: enforce → monitor",
                "hide removed: smartlead_internal_*",
                "smartlead_delete_campaign: allow → require_approval",
                "smartlead_delete_campaign: reason (generated) → \"A human confirms deletions\"",
                "limits of smartlead_retrigger_failed_events: 10/minute → 5/minute",
                "smartlead_list_campaigns: removed (was allow)",
                "smartlead_send_*: require removed: args.count lte 100",
                "smartlead_send_*: require added: args.count lte 50",
                "smartlead_export_leads: added (allow, 3/day per session)",
                "category destructive: added (require_approval)",
                "limits of all tools: added 100/minute (counter all)",
                "audit_argument_values added: args.campaign_id"), PolicyDiff.diff(json(OLD), neu));
    }

    @Test
    void limitShortForms() {
        PolicyDocument p = yaml("""
                version: 1
                tools:
                  buy: {limits: [{counter: spend, window: day, max: 1000, scope: global, increment_from: args.amount}]}
                """);
        assertEquals("1000 of args.amount/day in total", PolicyDiff.shortForm(p.exactTools().get("buy").limits().get(0)));
    }
}
