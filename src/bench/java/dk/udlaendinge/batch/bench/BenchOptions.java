package dk.udlaendinge.batch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dk.udlaendinge.batch.common.BadInputException;

/**
 * The options of {@code ./run.sh bench}, checked before anything starts (no scratch
 * folder, no database, no worker): bad usage is one line and exit 2, worded as the
 * production commands word theirs. docs/PERFORMANCE.md lists the options; {@link #USAGE}
 * is the one place they are spelled.
 */
record BenchOptions(int deposits, LocalDate runDate, int repetitions, String database, boolean firstNotice,
        boolean remote, int workers, boolean verbose) {

    static final String COMMAND = "bench";
    static final List<String> DATABASES = List.of("hsqldb", "postgresql");
    static final List<String> PARTITIONINGS = List.of("local", "remote");

    /** In the order the usage line shows them. */
    static final List<String> NAMES = List.of("deposits", "run-date", "repetitions", "database", "first-notice",
            "partitioning", "workers");
    static final String USAGE = "bench [--deposits N] [--run-date YYYY-MM-DD] [--repetitions N] [--database hsqldb|postgresql]"
            + " [--first-notice] [--partitioning local|remote] [--workers N]";
    static final String SUMMARY = "benchmark the renewal job on a scratch database of its own (never the configured one)";
    static final LocalDate DEFAULT_RUN_DATE = LocalDate.of(2015, 12, 31);

    private static final String VERBOSE = "--verbose";

    private static final Set<String> FLAGS = Set.of("first-notice");

    /** Whether the arguments ask for the usage instead of a run. */
    static boolean asksForHelp(String[] args) {
        return args.length > 0 && List.of("--help", "-h", "help").contains(args[0]);
    }

    /** The arguments after {@code bench}; {@code --verbose} may stand anywhere. */
    static BenchOptions parse(String[] args) {
        boolean verbose = List.of(args).contains(VERBOSE);
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        List<String> rest = List.of(args).stream().filter(a -> !a.equals(VERBOSE)).toList();
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if (!a.startsWith("--")) {
                positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            else if (!FLAGS.contains(name)) {
                if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                    throw new BadInputException("option --" + name + " needs a value");
                }
                value = rest.get(++i);
            }
            if (options.put(name, value == null ? "true" : value) != null) {
                throw new BadInputException("option --" + name + " is given twice");
            }
        }
        for (String name : options.keySet()) {
            if (!NAMES.contains(name)) {
                throw new BadInputException("'" + COMMAND + "' does not take --" + name + " (it takes: --"
                        + String.join(", --", NAMES) + ")");
            }
        }
        if (!positional.isEmpty()) {
            throw new BadInputException("'" + COMMAND + "' does not take the argument '" + positional.get(0) + "'");
        }
        int deposits = whole(options, "deposits", 1, 10_000_000, 100_000);
        LocalDate runDate = date(options, "run-date", DEFAULT_RUN_DATE);
        int repetitions = whole(options, "repetitions", 1, 1_000, 3);
        String database = choice(options, "database", DATABASES);
        boolean remote = choice(options, "partitioning", PARTITIONINGS).equals("remote");
        int workers = whole(options, "workers", 1, 16, 1);
        if (options.containsKey("workers") && !remote) {
            throw new BadInputException("--workers needs --partitioning remote (with local partitions the"
                    + " benchmark runs them on threads of its own)");
        }
        if (remote && !database.equals("postgresql")) {
            throw new BadInputException("--partitioning remote needs --database postgresql: the workers share the"
                    + " database, and the embedded HSQLDB admits one process");
        }
        return new BenchOptions(deposits, runDate, repetitions, database, options.containsKey("first-notice"), remote,
                workers, verbose);
    }

    /**
     * Settings the benchmark gives its application, as Spring arguments that win over the
     * environment and the files. Remote: the benchmark is the manager, with the embedded
     * broker on a free loopback port (never the configured broker), so its workers cannot
     * take another manager's requests.
     */
    List<String> applicationArguments() {
        List<String> args = new ArrayList<>();
        if (!remote) {
            args.add("--app.renewal.partitioning=local");
        }
        else {
            args.addAll(List.of("--app.renewal.partitioning=remote", "--app.renewal.embedded-broker=true",
                    "--spring.artemis.broker-url=tcp://localhost:" + freePort()));
        }
        if (verbose) {
            // as every production command's --verbose: the start-up and step log on the
            // console too
            args.add("--logging.threshold.console=INFO");
        }
        return args;
    }

    private static int whole(Map<String, String> options, String name, int min, int max, int defaultValue) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        long n;
        try {
            n = Long.parseLong(v.replace("_", ""));
        }
        catch (NumberFormatException e) {
            if (v.replace("_", "").matches("[+-]?[0-9]+")) {
                n = v.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE; // beyond a long:
                                                                         // out of range
                                                                         // below
            }
            else {
                throw new BadInputException("--" + name + " must be a whole number, was '" + shorten(v) + "'");
            }
        }
        if (n < min || n > max) {
            throw new BadInputException(
                    String.format(Locale.ROOT, "--%s must be from %,d to %,d, was %s", name, min, max, shorten(v)));
        }
        return (int) n;
    }

    private static LocalDate date(Map<String, String> options, String name, LocalDate defaultValue) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(v);
        }
        catch (java.time.format.DateTimeParseException e) {
            throw new BadInputException("--" + name + " must be a date yyyy-MM-dd, was '" + shorten(v) + "'");
        }
        if (date.getYear() < 2000 || date.getYear() > 2999) {
            throw new BadInputException(
                    "--" + name + " must be a date from 2000-01-01 to 2999-12-31, was " + shorten(v));
        }
        return date;
    }

    private static String choice(Map<String, String> options, String name, List<String> choices) {
        String value = options.get(name);
        if (value == null) {
            return choices.get(0);
        }
        if (!choices.contains(value)) {
            throw new BadInputException("--" + name + " must be one of " + choices + ", not '" + value + "'");
        }
        return value;
    }

    private static String shorten(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException("no free port for the benchmark's broker", e);
        }
    }
}
