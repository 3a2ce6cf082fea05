package dk.udlaendinge.batch.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dk.udlaendinge.batch.common.BadInputException;

/**
 * A parsed command line: {@code <command> [--option value | --flag]... [positional]...}.
 * Each {@link Command} declares its options; anything else is bad usage (exit code 2).
 */
public record Invocation(String command, Map<String, String> options, List<String> positional) {

    public static Invocation parse(String[] args) {
        if (args.length == 0) {
            return new Invocation("demo", Map.of(), List.of());
        }
        // options that take no value: those the commands declare as flags
        Set<String> flags = CommandCatalog.flagNames();
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
                } else if (!flags.contains(name)) {
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

    /** A whole number from {@code min} to {@code max}, or the default when the option is absent. */
    public int intOption(String name, int defaultValue, int min, int max) {
        String v = options.get(name);
        return v == null ? defaultValue : (int) whole(name, v, min, max);
    }

    /** A required whole number from {@code min} to {@code max}. */
    public long longOption(String name, long min, long max) {
        return whole(name, required(name), min, max);
    }

    /**
     * Out of range is said in one line before anything runs: a huge value must never reach the
     * code as a number it cannot handle (it answered "Index 5 out of bounds" once).
     */
    private static long whole(String name, String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            if (v.replace("_", "").matches("[+-]?[0-9]+")) {
                n = v.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE; // beyond a long: out of range below
            } else {
                throw new BadInputException("--" + name + " must be a whole number, was '" + shorten(v) + "'");
            }
        }
        if (n < min || n > max) {
            throw new BadInputException(String.format(java.util.Locale.ROOT, "--%s must be from %,d to %,d, was %s",
                    name, min, max, shorten(v)));
        }
        return n;
    }

    /** A date from 2000 to 2999 (the years this application can have amounts and quotas for). */
    public java.time.LocalDate dateOption(String name, java.time.LocalDate defaultValue) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        java.time.LocalDate date;
        try {
            date = java.time.LocalDate.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadInputException("--" + name + " must be a date yyyy-MM-dd, was '" + shorten(v) + "'");
        }
        if (date.getYear() < 2000 || date.getYear() > 2999) {
            throw new BadInputException("--" + name + " must be a date from 2000-01-01 to 2999-12-31, was " + shorten(v));
        }
        return date;
    }

    private static String shorten(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }
}
