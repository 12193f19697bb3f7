package dev.mcpgateway.policy.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

    @Test
    void theDesignExampleLoadsUnchanged() {
        PolicyDocument p = PolicyParser.parse("smartlead-example", """
                {"version":"1","default":"deny","tools":{"smartlead_retrigger_failed_events":{"limits":[
                  {"counter":"smartlead_retrigger_failed_events_rate","window":"minute","max":10,"scope":"grant"}]}}}""", false);
        assertEquals(1, p.version());
        assertEquals(Mode.ENFORCE, p.mode());
        Limit l = p.exactTools().get("smartlead_retrigger_failed_events").limits().get(0);
        assertEquals(new Limit("/tools/smartlead_retrigger_failed_events/limits/0", "smartlead_retrigger_failed_events_rate",
                Window.MINUTE, 10, Scope.GRANT, null), l);
    }

    @Test
    void aBadDocumentIsRefusedWithEveryErrorAndItsPointer() {
        String bad = """
                version: "one"
                default: maybe
                colour: blue
                mode: shadow
                hide: [""]
                tools:
                  a/b:
                    action: explode
                    require:
                      - {path: args.x, op: like, value: 1}
                      - {path: x.y, op: eq, value: 1}
                      - {path: args.r, op: regex, value: "(unclosed"}
                      - {path: args.n, op: gt, value: "ten"}
                      - {path: args.l, op: in, value: 3}
                      - {path: args.e, op: exists, value: "yes"}
                      - {path: args.q, op: eq}
                    deny_if: {path: args.x, op: eq, value: 1}
                    limits:
                      - {counter: c, window: fortnight, max: 0, scope: team, extra: 1}
                      - {window: minute, max: 2.5, increment_from: amount}
                all_tools: {limits: [{counter: z, window: hour}], other: 1}
                risk: {critical: {action: nope}}
                audit_argument_values: [password]
                """;
        PolicyInvalidException e = assertThrows(PolicyInvalidException.class, () -> PolicyParser.parse("bad", bad, true));
        Map<String, String> byPointer = e.errors().stream()
                .collect(Collectors.toMap(ValidationError::pointer, ValidationError::message, (a, b) -> a + " | " + b));
        List<String> expected = List.of("/version", "/default", "/colour", "/mode", "/hide/0", "/tools/a~1b/action",
                "/tools/a~1b/require/0/op", "/tools/a~1b/require/1/path", "/tools/a~1b/require/2/value",
                "/tools/a~1b/require/3/value", "/tools/a~1b/require/4/value", "/tools/a~1b/require/5/value",
                "/tools/a~1b/require/6/value", "/tools/a~1b/deny_if", "/tools/a~1b/limits/0/window",
                "/tools/a~1b/limits/0/max", "/tools/a~1b/limits/0/scope", "/tools/a~1b/limits/0/extra",
                "/tools/a~1b/limits/1/counter", "/tools/a~1b/limits/1/max", "/tools/a~1b/limits/1/increment_from",
                "/all_tools/other", "/all_tools/limits/0/max", "/risk/critical/action", "/audit_argument_values/0");
        assertEquals(expected.stream().sorted().toList(), byPointer.keySet().stream().sorted().toList(), byPointer.toString());
        assertTrue(byPointer.get("/colour").startsWith("unknown field \"colour\""));
        assertTrue(byPointer.get("/tools/a~1b/require/0/op").startsWith("unknown operator \"like\""));
        assertTrue(byPointer.get("/tools/a~1b/require/2/value").startsWith("invalid regular expression"));
        assertTrue(byPointer.get("/tools/a~1b/limits/0/window").startsWith("unknown window \"fortnight\""));
        assertTrue(byPointer.get("/tools/a~1b/limits/0/max").contains("at least 1"));
    }

    @Test
    void strictArgumentsAndDenyChangedToolsAreBooleanOptionsOffByDefault() {
        PolicyDocument plain = PolicyParser.parse("p", "{\"version\":\"1\"}", false);
        assertEquals(false, plain.strictArguments());
        assertEquals(false, plain.denyChangedTools());
        PolicyDocument strict = PolicyParser.parse("p", "version: \"1\"\nstrict_arguments: true\ndeny_changed_tools: true\n", true);
        assertEquals(true, strict.strictArguments());
        assertEquals(true, strict.denyChangedTools());
        // Kept by a stored version, which recompiles under another version number.
        assertEquals(true, strict.withVersion(7).strictArguments());
        assertEquals(true, strict.withVersion(7).denyChangedTools());

        PolicyInvalidException e = assertThrows(PolicyInvalidException.class, () -> PolicyParser.parse("p",
                "{\"version\":\"1\",\"strict_arguments\":\"yes\",\"deny_changed_tools\":1}", false));
        Map<String, String> byPointer = e.errors().stream()
                .collect(Collectors.toMap(ValidationError::pointer, ValidationError::message));
        assertEquals(Map.of("/strict_arguments", "must be true or false", "/deny_changed_tools", "must be true or false"),
                byPointer);
    }

    @Test
    void unparseableTextIsOneErrorWithItsPosition() {
        PolicyInvalidException e = assertThrows(PolicyInvalidException.class,
                () -> PolicyParser.parse("x", "{\"version\": ", false));
        assertEquals(1, e.errors().size());
        assertEquals("", e.errors().get(0).pointer());
        assertTrue(e.errors().get(0).message().startsWith("not valid JSON"));
        assertTrue(e.errors().get(0).message().contains("line 1"));
    }

    @Test
    void regexUsesALinearTimeEngineSoCatastrophicPatternsStayFast() {
        PolicyDocument p = PolicyParser.parse("r", """
                {"version":"1","tools":{"t":{"require":[{"path":"args.s","op":"regex","value":"^(a+)+$"}]}}}""", false);
        Condition c = p.exactTools().get("t").require().get(0);
        String hostile = "a".repeat(50_000) + "!";
        long start = System.nanoTime();
        boolean matched = c.test(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("s", hostile));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(!matched && millis < 2_000, "took " + millis + " ms");
    }

    @Test
    void globsMatchWithoutBacktrackingBlowUp() {
        assertTrue(new Glob("smartlead_delete_*").matches("smartlead_delete_campaign"));
        assertTrue(new Glob("*_x_*_y").matches("a_x_b_x_c_y"));
        assertTrue(!new Glob("a?c").matches("abbc"));
        assertTrue(!new Glob("*a*a*a*a*a*a*a*b").matches("a".repeat(5_000)));
    }
}
