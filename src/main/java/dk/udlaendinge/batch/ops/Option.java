package dk.udlaendinge.batch.ops;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import dk.udlaendinge.batch.common.BadInputException;

/**
 * One option of a command, declared once: its usage in {@code help}, the check made before
 * the application starts, and the value the command reads. So a range or a required option
 * cannot say one thing in the help text and check another.
 */
public final class Option {

    enum Kind { FLAG, TEXT, DATE, WHOLE, CHOICE }

    private final String name;
    private final Kind kind;
    private final String valueName;
    private final boolean required;
    private final long min;
    private final long max;
    private final long defaultValue;
    private final List<String> choices;

    private Option(String name, Kind kind, String valueName, boolean required, long min, long max, long defaultValue,
            List<String> choices) {
        this.name = name;
        this.kind = kind;
        this.valueName = valueName;
        this.required = required;
        this.min = min;
        this.max = max;
        this.defaultValue = defaultValue;
        this.choices = choices;
    }

    /** {@code --name} alone, no value. */
    public static Option flag(String name) {
        return new Option(name, Kind.FLAG, "", false, 0, 0, 0, List.of());
    }

    /** {@code --name FILE}, a path checked by the command itself (it knows what the file must hold). */
    public static Option file(String name, boolean required) {
        return new Option(name, Kind.TEXT, "FILE", required, 0, 0, 0, List.of());
    }

    /** {@code [--name YYYY-MM-DD]}, a date from 2000 to 2999; the command gives the default. */
    public static Option date(String name) {
        return new Option(name, Kind.DATE, "YYYY-MM-DD", false, 0, 0, 0, List.of());
    }

    /** {@code --name V}, a required whole number from min to max. */
    public static Option whole(String name, String valueName, long min, long max) {
        return new Option(name, Kind.WHOLE, valueName, true, min, max, 0, List.of());
    }

    /** {@code [--name V]}, a whole number from min to max (within an int), the default when absent. */
    public static Option whole(String name, String valueName, int min, int max, int defaultValue) {
        return new Option(name, Kind.WHOLE, valueName, false, min, max, defaultValue, List.of());
    }

    /** {@code [--name a|b]}, one of the choices; absent means the first. */
    public static Option oneOf(String name, List<String> choices) {
        return new Option(name, Kind.CHOICE, String.join("|", choices), false, 0, 0, 0, List.copyOf(choices));
    }

    public String name() {
        return name;
    }

    boolean isFlag() {
        return kind == Kind.FLAG;
    }

    /** As {@code help} shows it: {@code --year Y}, {@code [--limit N]}, {@code [--dry-run]}. */
    String usage() {
        String text = "--" + name + (valueName.isEmpty() ? "" : " " + valueName);
        return required ? text : "[" + text + "]";
    }

    /** What can be checked without the application: presence, a number's range, a date, a choice. */
    void check(Invocation inv) {
        switch (kind) {
            case FLAG -> {
                // present or not
            }
            case TEXT -> text(inv);
            case DATE -> date(inv, null);
            case WHOLE -> whole(inv);
            case CHOICE -> choice(inv);
        }
    }

    /** The value as given (required: present and not blank), or null when optional and absent. */
    public String text(Invocation inv) {
        return required ? inv.required(name) : inv.option(name);
    }

    public Path path(Invocation inv) {
        String text = text(inv);
        return text == null ? null : Path.of(text);
    }

    public LocalDate date(Invocation inv, LocalDate defaultValue) {
        return inv.dateOption(name, defaultValue);
    }

    public long whole(Invocation inv) {
        return required ? inv.longOption(name, min, max) : inv.intOption(name, (int) defaultValue, (int) min, (int) max);
    }

    public boolean isSet(Invocation inv) {
        return inv.flag(name);
    }

    public String choice(Invocation inv) {
        String value = inv.option(name);
        if (value == null) {
            return choices.get(0);
        }
        if (!choices.contains(value)) {
            throw new BadInputException("--" + name + " must be one of " + choices + ", not '" + value + "'");
        }
        return value;
    }
}
