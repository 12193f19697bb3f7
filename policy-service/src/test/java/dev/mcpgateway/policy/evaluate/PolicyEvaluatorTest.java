package dev.mcpgateway.policy.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.document.PolicyParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = """
            {"version":"1","default":"deny","tools":{"smartlead_retrigger_failed_events":{"limits":[
              {"counter":"smartlead_retrigger_failed_events_rate","window":"minute","max":10,"scope":"grant"}]}}}""";

    private static JsonNode args(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void exampleAllowsTheListedToolAndNamesItsRule() throws Exception {
        PolicyDocument p = PolicyParser.parse("smartlead-example", EXAMPLE, false);
        Evaluation ev = PolicyEvaluator.evaluate(p, "smartlead_retrigger_failed_events", args("{}"), ToolFacts.UNKNOWN, null);
        assertEquals(Verdict.ALLOW, ev.verdict());
        assertEquals("/tools/smartlead_retrigger_failed_events", ev.rule());
        assertEquals(1, ev.winner().limits().size());
        assertEquals(10, ev.winner().limits().get(0).max());
        assertEquals("/tools/smartlead_retrigger_failed_events/limits/0", ev.winner().limits().get(0).pointer());
    }

    @Test
    void exampleDeniesEveryOtherToolByDefault() throws Exception {
        PolicyDocument p = PolicyParser.parse("smartlead-example", EXAMPLE, false);
        Evaluation ev = PolicyEvaluator.evaluate(p, "smartlead_delete_campaign", args("{}"), ToolFacts.UNKNOWN, null);
        assertEquals(Verdict.DENY, ev.verdict());
        assertEquals("/default", ev.rule());
        assertEquals("Tool 'smartlead_delete_campaign' is not allowed by policy 'smartlead-example' (default: deny).",
                ev.reason());
        assertFalse(ev.hidden());
    }

    @Test
    void exactKeyBeatsGlobWhichBeatsCategoryWhichBeatsRisk() throws Exception {
        PolicyDocument p = PolicyParser.parse("p", """
                {"version":"3","default":"allow",
                 "tools":{"smartlead_delete_*":{"action":"deny"},"smartlead_delete_lead":{},
                          "smartlead_*":{"action":"require_approval"}},
                 "risk":{"critical":{"action":"deny"},"destructive":{"action":"require_approval"}}}""", false);
        ToolFacts critical = new ToolFacts("critical", "destructive");
        assertEquals("/tools/smartlead_delete_lead",
                PolicyEvaluator.evaluate(p, "smartlead_delete_lead", args("{}"), critical, null).rule());
        assertEquals("/tools/smartlead_delete_*/action",
                PolicyEvaluator.evaluate(p, "smartlead_delete_campaign", args("{}"), critical, null).rule());
        assertEquals("/tools/smartlead_*/action",
                PolicyEvaluator.evaluate(p, "smartlead_get_x", args("{}"), critical, null).rule());
        assertEquals("/risk/destructive/action",
                PolicyEvaluator.evaluate(p, "other_tool", args("{}"), critical, null).rule());
        Evaluation byRisk = PolicyEvaluator.evaluate(p, "other_tool", args("{}"), new ToolFacts("critical", "read"), null);
        assertEquals(Verdict.DENY, byRisk.verdict());
        assertEquals("/risk/critical/action", byRisk.rule());
        assertEquals(Verdict.ALLOW, PolicyEvaluator.evaluate(p, "other_tool", args("{}"), ToolFacts.UNKNOWN, null).verdict());
    }

    @Test
    void denyChangedToolsBeatsEveryToolRuleButNotHide() throws Exception {
        PolicyDocument p = PolicyParser.parse("p", """
                {"version":"1","default":"allow","deny_changed_tools":true,"hide":["secret"],
                 "tools":{"get":{"action":"allow"}}}""", false);
        ToolFacts changed = new ToolFacts("low", "read", true);
        Evaluation ev = PolicyEvaluator.evaluate(p, "get", args("{}"), changed, null);
        assertEquals(Verdict.DENY, ev.verdict());
        assertEquals(PolicyEvaluator.CHANGED_RULE, ev.rule());
        assertTrue(ev.reason().contains("definition changed"), ev.reason());
        assertEquals(Verdict.ALLOW, PolicyEvaluator.evaluate(p, "get", args("{}"), new ToolFacts("low", "read"), null).verdict());
        assertEquals("/hide/0", PolicyEvaluator.evaluate(p, "secret", args("{}"), changed, null).rule());

        List<String> seen = new ArrayList<>();
        PolicyEvaluator.evaluate(p, "get", args("{}"), changed, (rule, matched, why) -> seen.add(rule + " " + matched));
        assertTrue(seen.contains("/deny_changed_tools true"), seen.toString());

        PolicyDocument off = PolicyParser.parse("p", "{\"version\":\"1\",\"tools\":{\"get\":{}}}", false);
        assertEquals(Verdict.ALLOW, PolicyEvaluator.evaluate(off, "get", args("{}"), changed, null).verdict());
    }

    @Test
    void requireAndDenyIfNameTheFailingCondition() throws Exception {
        PolicyDocument p = PolicyParser.parse("p", """
                {"version":"1","default":"deny","tools":{"send":{
                  "require":[{"path":"args.campaign.id","op":"exists"}],
                  "deny_if":[{"path":"args.amount","op":"gt","value":100},
                             {"path":"args.to","op":"regex","value":"@competitor\\\\.com$"}]}}}""", false);
        Evaluation missing = PolicyEvaluator.evaluate(p, "send", args("{}"), ToolFacts.UNKNOWN, null);
        assertEquals("/tools/send/require/0", missing.rule());
        assertTrue(missing.reason().contains("args.campaign.id must be present"), missing.reason());
        Evaluation big = PolicyEvaluator.evaluate(p, "send", args("{\"campaign\":{\"id\":1},\"amount\":\"250\"}"),
                ToolFacts.UNKNOWN, null);
        assertEquals(Verdict.DENY, big.verdict());
        assertEquals("/tools/send/deny_if/0", big.rule());
        assertEquals("/tools/send/deny_if/1", PolicyEvaluator.evaluate(p, "send",
                args("{\"campaign\":{\"id\":1},\"to\":\"a@competitor.com\"}"), ToolFacts.UNKNOWN, null).rule());
        assertEquals(Verdict.ALLOW, PolicyEvaluator.evaluate(p, "send",
                args("{\"campaign\":{\"id\":1},\"amount\":5,\"to\":\"a@b.com\"}"), ToolFacts.UNKNOWN, null).verdict());
    }

    @Test
    void hiddenToolsAreUnknownAndFilteredOut() throws Exception {
        PolicyDocument p = PolicyParser.parse("p", """
                {"version":"1","default":"allow","hide":["*_admin_*"],"tools":{"secret":{"action":"hide"}}}""", false);
        Evaluation ev = PolicyEvaluator.evaluate(p, "x_admin_y", args("{}"), ToolFacts.UNKNOWN, null);
        assertTrue(ev.hidden());
        assertEquals("/hide/0", ev.rule());
        assertEquals("Unknown tool 'x_admin_y'.", ev.reason());
        assertTrue(PolicyEvaluator.isHidden(p, "secret", ToolFacts.UNKNOWN));
        assertFalse(PolicyEvaluator.isHidden(p, "public", ToolFacts.UNKNOWN));
    }

    @Test
    void traceListsEveryRuleConsideredWithoutChangingTheDecision() throws Exception {
        PolicyDocument p = PolicyParser.parse("p", """
                {"version":"1","default":"deny","hide":["h"],"tools":{"a_*":{},"a_b":{"action":"deny","reason":"no"}}}""", false);
        List<String> seen = new ArrayList<>();
        Evaluation traced = PolicyEvaluator.evaluate(p, "a_b", args("{}"), ToolFacts.UNKNOWN,
                (rule, matched, why) -> seen.add(rule + (matched ? " +" : " -")));
        Evaluation plain = PolicyEvaluator.evaluate(p, "a_b", args("{}"), ToolFacts.UNKNOWN, null);
        assertEquals(plain, traced);
        assertEquals("no", plain.reason());
        assertEquals(List.of("/hide/0 -", "/tools/a_b +", "/tools/a_* -", "/default -", "/tools/a_b/action +"), seen);
        assertNull(PolicyEvaluator.evaluate(p, "zzz", args("{}"), ToolFacts.UNKNOWN, null).winner());
    }
}
