package dev.mcpgateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CliArgsTest {
    private static final Set<String> VALUES = Set.of("tool", "args");
    private static final Set<String> FLAGS = Set.of("json");

    @Test
    void positionalsOptionsAndFlagsInAnyOrder() {
        CliArgs a = CliArgs.parse(List.of("p.yaml", "--tool", "t1", "--json", "--args={\"a\":1}"), VALUES, FLAGS);
        assertEquals(List.of("p.yaml"), a.positionals());
        assertEquals("t1", a.option("tool"));
        assertEquals("{\"a\":1}", a.option("args"));
        assertTrue(a.flag("json"));
        assertEquals("x", a.option("missing", "x"));
    }

    @Test
    void doubleDashEndsOptionsAndDashIsStdin() {
        CliArgs a = CliArgs.parse(List.of("-", "--", "--json"), VALUES, FLAGS);
        assertEquals(List.of("-", "--json"), a.positionals());
        assertFalse(a.flag("json"));
    }

    @Test
    void mistakesAreUsageErrors() {
        assertEquals("unknown option --tools",
                assertThrows(UsageException.class, () -> CliArgs.parse(List.of("--tools", "x"), VALUES, FLAGS)).getMessage());
        assertEquals("--tool needs a value",
                assertThrows(UsageException.class, () -> CliArgs.parse(List.of("--tool"), VALUES, FLAGS)).getMessage());
        assertEquals("--json takes no value",
                assertThrows(UsageException.class, () -> CliArgs.parse(List.of("--json=1"), VALUES, FLAGS)).getMessage());
        assertEquals("--tool given twice", assertThrows(UsageException.class,
                () -> CliArgs.parse(List.of("--tool", "a", "--tool", "b"), VALUES, FLAGS)).getMessage());
        CliArgs a = CliArgs.parse(List.of("a", "b"), VALUES, FLAGS);
        assertThrows(UsageException.class, () -> a.exactly(1, "FILE"));
        assertEquals(List.of("a", "b"), a.atLeast(2, "A B"));
    }
}
