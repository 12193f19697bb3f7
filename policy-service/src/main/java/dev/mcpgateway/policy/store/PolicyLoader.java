package dev.mcpgateway.policy.store;

import dev.mcpgateway.policy.PolicyConfig;
import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.document.PolicyInvalidException;
import dev.mcpgateway.policy.document.PolicyParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Reads the builtin classpath policies, then every policy file of {@code policy.dir}. Any invalid
 * document stops the start with all errors listed: in a GitOps rollout a bad file then keeps the
 * previous pods serving instead of silently answering "could not decide".
 */
public final class PolicyLoader {
    private static final Logger LOG = Logger.getLogger(PolicyLoader.class);

    private PolicyLoader() {
    }

    /**
     * A document read from a file.
     *
     * @param source "file:" + the file name (or classpath resource), recorded as the author of the stored version
     */
    public record Loaded(PolicyDocument document, String source) {
    }

    public static List<Loaded> read(PolicyConfig config) {
        return read(config.builtinPolicies(), config.dir());
    }

    public static void load(List<String> builtin, Optional<Path> dir, PolicyRegistry registry) {
        for (Loaded l : read(builtin, dir)) {
            registry.put(l.document());
        }
    }

    /** Reads every builtin and directory policy; a later one of the same id replaces an earlier one. */
    public static List<Loaded> read(List<String> builtin, Optional<Path> dir) {
        Map<String, Loaded> registry = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String id : builtin) {
            String resource = "policies/" + id + ".json";
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    problems.add("builtin policy '" + id + "': classpath resource " + resource + " not found");
                    continue;
                }
                add(registry, PolicyParser.parse(id, new String(in.readAllBytes(), StandardCharsets.UTF_8), false),
                        resource, "file:" + resource);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (PolicyInvalidException e) {
                problems.add(resource + ": " + e.getMessage());
            }
        }
        dir.ifPresent(d -> loadDir(d, registry, problems));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start with invalid policies:\n  " + String.join("\n  ", problems));
        }
        return List.copyOf(registry.values());
    }

    private static void loadDir(Path dir, Map<String, Loaded> registry, List<String> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add("policy.dir " + dir + " is not a directory");
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
                if (!(yaml || name.endsWith(".json")) || !Files.isRegularFile(f)) {
                    continue;
                }
                String id = name.substring(0, name.lastIndexOf('.'));
                try {
                    add(registry, PolicyParser.parse(id, Files.readString(f), yaml), f.toString(), "file:" + name);
                } catch (PolicyInvalidException e) {
                    problems.add(f + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add("cannot read policy.dir " + dir + ": " + e.getMessage());
        }
    }

    private static void add(Map<String, Loaded> registry, PolicyDocument doc, String from, String source) {
        registry.put(doc.id(), new Loaded(doc, source));
        LOG.infof("Read policy '%s' (%s) from %s", doc.id(), doc.mode().wire(), from);
    }
}
