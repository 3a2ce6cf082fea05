package dk.udlaendinge.batch.ops;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The checks of option values that need no application, called from the commands' option
 * setters so picocli reports them as usage errors (exit 2) before anything starts. Out of
 * range is said in one line: a huge value must never reach the code as a number it cannot
 * handle (it answered "Index 5 out of bounds" once).
 */
final class OptionValues {

    private OptionValues() {
    }

    /**
     * A whole number from {@code min} to {@code max} ({@code _} allowed as a digit
     * separator).
     */
    static long whole(CommandSpec spec, String option, String value, long min, long max) {
        String digits = value.replace("_", "");
        long n;
        try {
            n = Long.parseLong(digits);
        }
        catch (NumberFormatException e) {
            if (!digits.matches("[+-]?[0-9]+")) {
                throw bad(spec, "--" + option + " must be a whole number, was '" + shorten(value) + "'");
            }
            n = digits.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE; // beyond a
                                                                          // long: out of
                                                                          // range below
        }
        if (n < min || n > max) {
            throw bad(spec, String.format(Locale.ROOT, "--%s must be from %,d to %,d, was %s", option, min, max,
                    shorten(value)));
        }
        return n;
    }

    /**
     * A date from 2000 to 2999 (the years this application can have amounts and quotas
     * for).
     */
    static LocalDate date(CommandSpec spec, String option, String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        }
        catch (DateTimeParseException e) {
            throw bad(spec, "--" + option + " must be a date yyyy-MM-dd, was '" + shorten(value) + "'");
        }
        if (date.getYear() < 2000 || date.getYear() > 2999) {
            throw bad(spec, "--" + option + " must be a date from 2000-01-01 to 2999-12-31, was " + shorten(value));
        }
        return date;
    }

    /** An execution id as the operator typed it: a number that can exist. */
    static long executionId(CommandSpec spec, String text) {
        long id;
        try {
            id = Long.parseLong(text);
        }
        catch (NumberFormatException e) {
            throw bad(spec, "an execution id is a number, not '" + text + "'; ./run.sh status lists them");
        }
        if (id < 0) {
            throw bad(spec, "there is no execution " + id + "; ./run.sh status lists them");
        }
        return id;
    }

    /** A usage error of this command, in the operator's words. */
    static ParameterException bad(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String shorten(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }

}
