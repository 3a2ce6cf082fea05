package dk.udlaendinge.batch.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dk.udlaendinge.batch.common.BadInputException;

/**
 * A parsed command line: {@code <command> [--option value | --flag]... [positional]...}.
 * Each command declares its options; anything else is bad usage (exit code 2).
 */
public record Invocation(String command, Map<String, String> options, List<String> positional) {

    /** Options that take no value. */
    private static final Set<String> FLAGS = Set.of("dry-run");

    public static Invocation parse(String[] args) {
        if (args.length == 0) {
            return new Invocation("demo", Map.of(), List.of());
        }
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (!FLAGS.contains(name)) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new BadInputException("option --" + name + " needs a value");
                    }
                    value = args[++i];
                }
                if (options.put(name, value == null ? "true" : value) != null) {
                    throw new BadInputException("option --" + name + " is given twice");
                }
            } else {
                positional.add(a);
            }
        }
        return new Invocation(args[0], options, positional);
    }

    /** Fails on any option or positional argument the command does not take. */
    public Invocation allow(int maxPositional, String... allowed) {
        Set<String> known = Set.of(allowed);
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new BadInputException("'" + command + "' does not take --" + name
                        + (allowed.length == 0 ? "" : " (it takes: --" + String.join(", --", allowed) + ")"));
            }
        }
        if (positional.size() > maxPositional) {
            throw new BadInputException("'" + command + "' does not take the argument '" + positional.get(maxPositional) + "'");
        }
        return this;
    }

    public String option(String name) {
        return options.get(name);
    }

    public String required(String name) {
        String v = options.get(name);
        if (v == null || v.isBlank()) {
            throw new BadInputException("'" + command + "' needs --" + name);
        }
        return v;
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public int intOption(String name, int defaultValue, int min) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.replace("_", ""));
            if (n < min) {
                throw new BadInputException("--" + name + " must be at least " + min + ", was " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadInputException("--" + name + " must be a whole number, was '" + v + "'");
        }
    }

    public long longOption(String name) {
        String v = required(name);
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new BadInputException("--" + name + " must be a whole number, was '" + v + "'");
        }
    }

    public java.time.LocalDate dateOption(String name, java.time.LocalDate defaultValue) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return java.time.LocalDate.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadInputException("--" + name + " must be a date yyyy-MM-dd, was '" + v + "'");
        }
    }
}
