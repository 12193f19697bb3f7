package dev.mcpgateway.policy.cli;

import dev.mcpgateway.cli.CliException;

import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.document.PolicyParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads policy documents from disk (or stdin as {@code -}) the way the service reads a request body:
 * JSON, or YAML for {@code .yaml}/{@code .yml} files. Other names are sniffed: a document starting
 * with '{' is JSON, anything else YAML.
 */
public final class PolicyFiles {
    private PolicyFiles() {
    }

    /** A file's text and whether to parse it as YAML. */
    public record Source(String name, String text, boolean yaml) {
    }

    public static Source read(String file, InputStream stdin) {
        String text;
        try {
            text = file.equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
        return new Source(file, text, isYaml(file, text));
    }

    static boolean isYaml(String file, String text) {
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return true;
        }
        if (lower.endsWith(".json")) {
            return false;
        }
        return !text.stripLeading().startsWith("{");
    }

    /** The policy id a file stands for when none is given: its name without directory and extension. */
    public static String idOf(String file) {
        if (file.equals("-")) {
            return "stdin";
        }
        String name = Path.of(file).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Parses and validates; throws {@link dev.mcpgateway.policy.document.PolicyInvalidException}. */
    public static PolicyDocument compile(Source s, String id) {
        return PolicyParser.parse(id, s.text(), s.yaml());
    }
}
