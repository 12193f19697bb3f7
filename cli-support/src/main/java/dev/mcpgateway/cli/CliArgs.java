package dev.mcpgateway.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one subcommand: positionals, {@code --name value} (or {@code --name=value}) options
 * and {@code --flag}s. Each subcommand declares what it accepts, so a typo is an error and never a
 * silently ignored option.
 */
public final class CliArgs {
    private final List<String> positionals;
    private final Map<String, String> options;

    private CliArgs(List<String> positionals, Map<String, String> options) {
        this.positionals = positionals;
        this.options = options;
    }

    /**
     * @param valueOptions names (without {@code --}) that take a value
     * @param flags        names that take none
     */
    public static CliArgs parse(List<String> args, Set<String> valueOptions, Set<String> flags) {
        List<String> pos = new ArrayList<>();
        Map<String, String> opts = new HashMap<>();
        boolean onlyPositionals = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (onlyPositionals || !a.startsWith("--") || a.equals("-")) {
                pos.add(a);
                continue;
            }
            if (a.equals("--")) {
                onlyPositionals = true;
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                opts.put(name, "true");
            } else if (valueOptions.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (opts.containsKey(name)) {
                    throw new UsageException("--" + name + " given twice");
                }
                opts.put(name, value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return new CliArgs(List.copyOf(pos), Map.copyOf(opts));
    }

    public List<String> positionals() {
        return positionals;
    }

    public String option(String name) {
        return options.get(name);
    }

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    /** Exactly {@code n} positionals, or a usage error naming them. */
    public List<String> exactly(int n, String what) {
        if (positionals.size() != n) {
            throw new UsageException("expected " + what);
        }
        return positionals;
    }

    public List<String> atLeast(int n, String what) {
        if (positionals.size() < n) {
            throw new UsageException("expected " + what);
        }
        return positionals;
    }
}
