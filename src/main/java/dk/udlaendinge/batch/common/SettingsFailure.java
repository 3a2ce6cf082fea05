package dk.udlaendinge.batch.common;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * The one line an operator sees when a setting stops the start: the key, what it must be,
 * and the value given, as in
 * {@code app.renewal.lead-days must be 0 to 366 (at most a year ahead), was 100000}. Each
 * feature's settings record checks its values with Jakarta constraints
 * (docs/ARCHITECTURE.md, "Where settings live"); Boot reports them as a
 * {@link BindException} holding a {@link BindValidationException}, or a conversion
 * failure for a value that is not one of an enum's. This is the one place that turns
 * either into that line.
 *
 * <p>
 * A constraint's message either completes the key ({@code must be at least 1}) or, when
 * it names its settings itself (it starts with {@code app.}), is the whole line. A check
 * of several values together is an {@code @AssertTrue} method named after the setting it
 * refuses ({@code isStaleAfter()}), so the line names that setting and its value.
 */
public final class SettingsFailure {

    private SettingsFailure() {
    }

    /**
     * The line for a start-up failure caused by a setting, or empty when no setting
     * caused it.
     */
    public static Optional<String> describe(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof BindException bind) {
                return Optional.of(describe(bind));
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return Optional.empty();
    }

    private static String describe(BindException bind) {
        String key = bind.getName().toString();
        Throwable cause = bind.getCause();
        if (cause instanceof BindValidationException invalid) {
            Set<String> lines = new LinkedHashSet<>();
            ValidationErrors errors = invalid.getValidationErrors();
            for (ObjectError error : errors.getAllErrors()) {
                lines.add(line(errors, error));
            }
            return String.join("; ", lines);
        }
        if (cause instanceof ConversionFailedException conversion && conversion.getTargetType().getType().isEnum()) {
            Object[] constants = conversion.getTargetType().getType().getEnumConstants();
            java.util.List<String> names = java.util.Arrays.stream(constants)
                .map(e -> ((Enum<?>) e).name().toLowerCase(java.util.Locale.ROOT))
                .toList();
            return key + " must be one of " + names + ", was \"" + visible(String.valueOf(conversion.getValue()))
                    + "\"";
        }
        Throwable root = cause;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == null ? bind.getMessage() : root.getMessage();
        // a record's own check (an IllegalArgumentException from its constructor) names
        // its key itself
        return message != null && message.startsWith("app.") ? message : key + ": " + message;
    }

    private static String line(ValidationErrors errors, ObjectError error) {
        String message = String.valueOf(error.getDefaultMessage());
        if (message.startsWith("app.") || !(error instanceof FieldError field)) {
            return message;
        }
        String key = errors.getName() + "." + kebab(field.getField());
        // an @AssertTrue check named after its setting rejects true/false: show the
        // setting's value as given
        Object value = errors.getBoundProperties()
            .stream()
            .filter(p -> p.getName().toString().equals(key))
            .map(p -> p.getValue())
            .findFirst()
            .orElse(field.getRejectedValue());
        return key + " " + message + (value == null ? "" : ", was " + visible(String.valueOf(value)));
    }

    /**
     * {@code retry.maxAttempts} → {@code retry.max-attempts}; indexes and map keys stay.
     */
    static String kebab(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A setting's value for the line, its control characters shown as escapes (\r, \n,
     * \\u0000).
     */
    static String visible(String value) {
        StringBuilder b = new StringBuilder();
        value.chars()
            .limit(120)
            .forEach(c -> b.append(c == '\r' ? "\\r" : c == '\n' ? "\\n"
                    : Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }

}
