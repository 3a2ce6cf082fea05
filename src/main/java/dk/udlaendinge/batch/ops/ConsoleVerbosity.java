package dk.udlaendinge.batch.ops;

import java.util.Arrays;

/**
 * {@code --verbose}, which every command takes. Cron mails whatever a run prints, so the
 * console normally shows only the summary and warnings and errors
 * (logging.threshold.console in application.yml); the start-up and per-step INFO lines go
 * to the log file only. With {@code --verbose} they are shown on the console as well.
 */
record ConsoleVerbosity(boolean verbose, String[] commandArgs) {

    static final String FLAG = "--verbose";

    /**
     * Takes {@code --verbose} out of the arguments, wherever it stands, so no command has
     * to declare it.
     */
    static ConsoleVerbosity of(String[] args) {
        boolean verbose = Arrays.asList(args).contains(FLAG);
        return new ConsoleVerbosity(verbose, Arrays.stream(args).filter(a -> !a.equals(FLAG)).toArray(String[]::new));
    }

    /**
     * Spring arguments for the application: command-line arguments outrank
     * application.yml.
     */
    String[] springArgs(String... others) {
        if (!verbose) {
            return others;
        }
        String[] all = Arrays.copyOf(others, others.length + 1);
        all[others.length] = "--logging.threshold.console=INFO";
        return all;
    }
}
