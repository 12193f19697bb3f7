package dev.mcpgateway.policy.cli;

import dev.mcpgateway.cli.CliArgs;
import dev.mcpgateway.cli.UsageException;
import dev.mcpgateway.cli.CliException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.mcpgateway.policy.document.PolicyDocument;
import dev.mcpgateway.policy.document.PolicyInvalidException;
import dev.mcpgateway.policy.document.ValidationError;
import dev.mcpgateway.policy.evaluate.ToolFacts;
import dev.mcpgateway.policy.explain.Explainer;
import dev.mcpgateway.policy.explain.Explanation;
import dev.mcpgateway.policy.intercept.ImportNote;
import dev.mcpgateway.policy.intercept.ImportResult;
import dev.mcpgateway.policy.intercept.InterceptFormatException;
import dev.mcpgateway.policy.intercept.InterceptImporter;
import dev.mcpgateway.policy.limit.InMemoryCounterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code policy} — policy as code from a terminal, without booting Quarkus: validate documents with the
 * service's own parser and messages, run scenario files, diff two versions in rule terms, explain a
 * call offline, push a document to a running policy-service, and import Intercept policies.
 */
public final class PolicyCli {
    static final String DEFAULT_URL = "http://127.0.0.1:8081";
    static final String USAGE = """
            usage: policy <command> [options]

              validate FILE...                       check documents offline (JSON, or YAML for .yaml/.yml)
              test POLICY SCENARIOS...               run YAML scenario files against POLICY
              diff OLD NEW                           the changes from OLD to NEW in rule terms
              explain POLICY --tool T [--args JSON] [--risk R] [--category C] [--changed] [--grant G] [--session S] [--json]
                                                     how POLICY decides one call (offline: counters read 0)
              push FILE --id ID [--url URL] [--token T] [--actor NAME] [--comment TEXT]
                                                     store FILE as a new version of policy ID (PUT /api/policies/ID)
              import-intercept FILE [--id ID] [--out FILE] [--yaml] [--strict]
                                                     convert an Intercept policy; report on stderr

              --id ID     policy id used in reasons (default: the file name without extension)
              --url       policy-service base URL (default $POLICY_URL, else http://127.0.0.1:8081)
              --token     operator token sent to policy-service, role policy_manager or admin
                          (default $GATEWAY_OPERATOR_TOKEN, else $POLICY_TOKEN; ./gateway sets it for its stack)
              FILE may be - for stdin.
            exit: 0 ok, 1 invalid/failed/refused, 2 policy-service unreachable, 64 bad command line
            """;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    PolicyCli(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(new PolicyCli(System.in, out, err, System.getenv()).run(args));
    }

    int run(String... argv) {
        if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help") || argv[0].equals("-h")) {
            (argv.length == 0 ? err : out).print(USAGE);
            return argv.length == 0 ? CliException.EXIT_USAGE : CliException.EXIT_OK;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        try {
            return switch (argv[0]) {
                case "validate" -> validate(CliArgs.parse(rest, Set.of("id"), Set.of()));
                case "test" -> test(CliArgs.parse(rest, Set.of("id"), Set.of()));
                case "diff" -> diff(CliArgs.parse(rest, Set.of(), Set.of()));
                case "explain" -> explain(CliArgs.parse(rest,
                        Set.of("id", "tool", "args", "risk", "category", "grant", "session"), Set.of("json", "changed")));
                case "push" -> push(CliArgs.parse(rest, Set.of("id", "url", "token", "actor", "comment", "timeout"),
                        Set.of()));
                case "import-intercept" -> importIntercept(CliArgs.parse(rest, Set.of("id", "out"),
                        Set.of("yaml", "strict")));
                default -> throw new UsageException("unknown command '" + argv[0] + "'");
            };
        } catch (UsageException e) {
            err.println("policy: " + e.getMessage());
            err.print(USAGE);
            return CliException.EXIT_USAGE;
        } catch (CliException e) {
            err.println("policy: " + e.getMessage());
            return e.exitCode();
        }
    }

    private int validate(CliArgs a) {
        List<String> files = a.atLeast(1, "one or more policy files");
        boolean allValid = true;
        for (String f : files) {
            PolicyFiles.Source s = PolicyFiles.read(f, in);
            try {
                PolicyDocument p = PolicyFiles.compile(s, a.option("id", PolicyFiles.idOf(f)));
                out.println(f + ": valid (version " + p.version() + ", mode " + p.mode().wire() + ", "
                        + (p.exactTools().size() + p.globTools().size()) + " tool rules, default "
                        + (p.defaultAllow() ? "allow" : "deny") + ")");
            } catch (PolicyInvalidException e) {
                allValid = false;
                out.println(f + ": " + e.errors().size() + " problem(s)");
                printErrors(e.errors(), out);
            }
        }
        return allValid ? CliException.EXIT_OK : CliException.EXIT_FAILED;
    }

    static void printErrors(List<ValidationError> errors, PrintStream to) {
        for (ValidationError e : errors) {
            to.println("  " + (e.pointer().isEmpty() ? "(document)" : e.pointer()) + ": " + e.message());
        }
    }

    private PolicyDocument load(String file, String id) {
        PolicyFiles.Source s = PolicyFiles.read(file, in);
        try {
            return PolicyFiles.compile(s, id != null ? id : PolicyFiles.idOf(file));
        } catch (PolicyInvalidException e) {
            err.println(file + ": " + e.errors().size() + " problem(s)");
            printErrors(e.errors(), err);
            throw new CliException(file + " is not a valid policy document");
        }
    }

    private int test(CliArgs a) {
        List<String> pos = a.atLeast(2, "POLICY SCENARIOS...");
        PolicyDocument policy = load(pos.get(0), a.option("id"));
        int passed = 0;
        int failed = 0;
        for (String f : pos.subList(1, pos.size())) {
            PolicyFiles.Source s = PolicyFiles.read(f, in);
            JsonNode file;
            try {
                file = YAML.readTree(s.text());
            } catch (JsonProcessingException e) {
                throw new CliException(f + ": not valid YAML: " + e.getOriginalMessage());
            }
            if (file != null && file.has("policy")) {
                err.println(f + ": note: its own 'policy' is ignored; scenarios run against " + pos.get(0));
            }
            for (ScenarioRunner.Result r : ScenarioRunner.run(policy, file, f)) {
                if (r.passed()) {
                    passed++;
                    out.println("PASS " + f + ": " + r.name());
                } else {
                    failed++;
                    out.println("FAIL " + f + ": " + r.name());
                    r.failures().forEach(x -> out.println("       " + x));
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? CliException.EXIT_OK : CliException.EXIT_FAILED;
    }

    private int diff(CliArgs a) {
        List<String> pos = a.exactly(2, "OLD NEW");
        String id = PolicyFiles.idOf(pos.get(1));
        List<String> lines = PolicyDiff.diff(load(pos.get(0), id), load(pos.get(1), id));
        if (lines.isEmpty()) {
            out.println("no rule changes");
        }
        lines.forEach(out::println);
        return CliException.EXIT_OK;
    }

    private int explain(CliArgs a) {
        List<String> pos = a.exactly(1, "POLICY --tool T");
        String tool = a.option("tool");
        if (tool == null || tool.isBlank()) {
            throw new UsageException("explain needs --tool");
        }
        JsonNode args = JsonNodeFactory.instance.objectNode();
        if (a.option("args") != null) {
            try {
                args = JSON.readTree(a.option("args"));
            } catch (JsonProcessingException e) {
                throw new UsageException("--args is not valid JSON: " + e.getOriginalMessage());
            }
            if (args == null || !args.isObject()) {
                throw new UsageException("--args must be a JSON object, e.g. '{\"campaign_id\": 1}'");
            }
        }
        PolicyDocument p = load(pos.get(0), a.option("id"));
        // --changed: the catalog holds a definition change of the tool that nobody accepted yet (deny_changed_tools).
        ToolFacts facts = new ToolFacts(a.option("risk"), a.option("category"), a.flag("changed"));
        Explanation e = new Explainer(new InMemoryCounterStore()).explain(p, a.option("grant", "cli"),
                a.option("session", "cli"), tool, args, facts, System.currentTimeMillis());
        if (a.flag("json")) {
            try {
                out.println(JSON.writeValueAsString(e));
            } catch (JsonProcessingException x) {
                throw new CliException("cannot write the explanation: " + x.getOriginalMessage());
            }
        } else {
            ExplanationPrinter.print(e, tool, out);
        }
        return CliException.EXIT_OK;
    }

    private int push(CliArgs a) {
        String file = a.exactly(1, "FILE --id ID").get(0);
        String id = a.option("id");
        if (id == null || id.isBlank()) {
            throw new UsageException("push needs --id (the policy id to store the document under)");
        }
        load(file, id);
        PolicyFiles.Source s = PolicyFiles.read(file, in);
        URI url = url(a.option("url", env.getOrDefault("POLICY_URL", DEFAULT_URL)));
        Duration timeout = Duration.ofSeconds(parseSeconds(a.option("timeout", "10")));
        PushClient.Stored stored = new PushClient(url, timeout).push(id, s, a.option("token", env.getOrDefault("GATEWAY_OPERATOR_TOKEN", env.get("POLICY_TOKEN"))),
                a.option("actor", env.getOrDefault("USER", "cli")), a.option("comment"));
        out.println("stored policy " + stored.id() + " version " + stored.version()
                + (stored.mode().isEmpty() ? "" : " (mode " + stored.mode() + ")") + " on " + url);
        return CliException.EXIT_OK;
    }

    private int importIntercept(CliArgs a) {
        String file = a.exactly(1, "FILE").get(0);
        PolicyFiles.Source s = PolicyFiles.read(file, in);
        ImportResult r;
        try {
            r = InterceptImporter.importYaml(s.text(), a.option("id", PolicyFiles.idOf(file)));
        } catch (InterceptFormatException e) {
            err.println(file + ": not imported; " + e.problems().size() + " problem(s):");
            e.problems().forEach(p -> err.println("  " + p));
            return CliException.EXIT_FAILED;
        }
        printReport(file, r);
        if (a.flag("strict") && !r.of(ImportNote.Kind.DROPPED).isEmpty()) {
            err.println(file + ": not imported (--strict): some rules could not be carried over");
            return CliException.EXIT_FAILED;
        }
        String text;
        try {
            text = a.flag("yaml") ? YAML.writeValueAsString(r.document()) : JSON.writeValueAsString(r.document()) + "\n";
        } catch (JsonProcessingException e) {
            throw new CliException("cannot write the document: " + e.getOriginalMessage());
        }
        if (a.option("out") != null) {
            try {
                Files.writeString(Path.of(a.option("out")), text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException("cannot write " + a.option("out") + ": " + e.getMessage());
            }
            err.println("wrote " + a.option("out"));
        } else {
            out.print(text);
        }
        return CliException.EXIT_OK;
    }

    private void printReport(String file, ImportResult r) {
        List<ImportNote> dropped = r.of(ImportNote.Kind.DROPPED);
        List<ImportNote> changed = r.of(ImportNote.Kind.CHANGED);
        List<ImportNote> info = r.of(ImportNote.Kind.INFO);
        err.println(file + ": imported; " + dropped.size() + " not carried over, " + changed.size() + " changed");
        section("not carried over (the imported policy is less restrictive here):", dropped);
        section("changed:", changed);
        section("notes:", info);
    }

    private void section(String title, List<ImportNote> notes) {
        if (!notes.isEmpty()) {
            err.println(title);
            notes.forEach(n -> err.println("  " + n));
        }
    }

    private static URI url(String raw) {
        try {
            URI u = URI.create(raw.strip());
            if (u.getScheme() == null || u.getHost() == null
                    || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url must be an http(s) URL like " + DEFAULT_URL + ", not '" + raw + "'");
        }
    }

    private static long parseSeconds(String raw) {
        try {
            long s = Long.parseLong(raw.strip());
            if (s >= 1 && s <= 3600) {
                return s;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException("--timeout is a number of seconds from 1 to 3600");
    }
}
