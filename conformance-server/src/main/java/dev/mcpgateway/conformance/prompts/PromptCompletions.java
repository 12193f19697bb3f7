package dev.mcpgateway.conformance.prompts;

import java.util.List;
import java.util.Locale;

import io.quarkiverse.mcp.server.CompleteArg;
import io.quarkiverse.mcp.server.CompletePrompt;

/**
 * completion/complete for the arguments of {@code test_prompt_with_arguments}: fixed candidates filtered by prefix.
 * The parameters are named after the prompt arguments: the extension 1.13 keys a completion by the Java parameter
 * name when it checks for duplicates, so two methods with a parameter {@code value} collide despite {@code @CompleteArg}.
 */
public class PromptCompletions {

    static final List<String> ARG1_VALUES = List.of("paris", "park", "party", "test", "testValue1");
    static final List<String> ARG2_VALUES = List.of("world", "wonder", "test", "testValue2");

    @CompletePrompt(FixturePrompts.WITH_ARGUMENTS)
    List<String> completeArg1(@CompleteArg(name = "arg1") String arg1) {
        return startingWith(ARG1_VALUES, arg1);
    }

    @CompletePrompt(FixturePrompts.WITH_ARGUMENTS)
    List<String> completeArg2(@CompleteArg(name = "arg2") String arg2) {
        return startingWith(ARG2_VALUES, arg2);
    }

    static List<String> startingWith(List<String> candidates, String prefix) {
        String p = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
        return candidates.stream().filter(c -> c.toLowerCase(Locale.ROOT).startsWith(p)).toList();
    }
}
