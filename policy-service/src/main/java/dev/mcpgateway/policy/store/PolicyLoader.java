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
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Loads the builtin classpath policies, then every policy file of {@code policy.dir}. Any invalid
 * document stops the start with all errors listed: in a GitOps rollout a bad file then keeps the
 * previous pods serving instead of silently answering "could not decide".
 */
public final class PolicyLoader {
    private static final Logger LOG = Logger.getLogger(PolicyLoader.class);

    private PolicyLoader() {
    }

    public static void load(PolicyConfig config, PolicyRegistry registry) {
        load(config.builtinPolicies(), config.dir(), registry);
    }

    public static void load(List<String> builtin, Optional<Path> dir, PolicyRegistry registry) {
        List<String> problems = new ArrayList<>();
        for (String id : builtin) {
            String resource = "policies/" + id + ".json";
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    problems.add("builtin policy '" + id + "': classpath resource " + resource + " not found");
                    continue;
                }
                add(registry, PolicyParser.parse(id, new String(in.readAllBytes(), StandardCharsets.UTF_8), false),
                        resource);
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
    }

    private static void loadDir(Path dir, PolicyRegistry registry, List<String> problems) {
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
                    add(registry, PolicyParser.parse(id, Files.readString(f), yaml), f.toString());
                } catch (PolicyInvalidException e) {
                    problems.add(f + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add("cannot read policy.dir " + dir + ": " + e.getMessage());
        }
    }

    private static void add(PolicyRegistry registry, PolicyDocument doc, String from) {
        registry.put(doc);
        LOG.infof("Loaded policy '%s' version %d (%s) from %s", doc.id(), doc.version(), doc.mode().wire(), from);
    }
}
