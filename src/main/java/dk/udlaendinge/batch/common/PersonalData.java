package dk.udlaendinge.batch.common;

/**
 * Masking for personal data (SPEC §5): CPR numbers, names and addresses never reach logs,
 * job parameters, execution contexts or exception messages. Where a message must point at
 * a value, it shows the masked form.
 */
public final class PersonalData {

    private PersonalData() {
    }

    /** {@code 120379-4411} becomes {@code 120379-XXXX}; anything else becomes {@code ***}. */
    public static String maskCpr(String cpr) {
        if (cpr != null && cpr.length() == 11 && cpr.charAt(6) == '-') {
            return cpr.substring(0, 7) + "XXXX";
        }
        return "***";
    }

    /** A personal value (name, address) is never echoed: only its length is shown. */
    public static String mask(String value) {
        return value == null ? "(empty)" : "(" + value.length() + " characters, masked)";
    }

    /**
     * A value for an error message: quoted when it is short and plainly harmless (letters,
     * digits and a few separators, no run of six digits that could be a CPR number), else
     * described by its length like {@link #mask}. For columns that are not personal; a
     * personal column's value is always {@link #mask}ed.
     */
    public static String quoteIfHarmless(String value) {
        if (value == null) {
            return "(empty)";
        }
        boolean harmless = value.length() <= 24 && value.chars().allMatch(c -> Character.isLetterOrDigit(c)
                || c == ' ' || c == '.' || c == ',' || c == '-' || c == '_' || c == '/')
                && !SIX_DIGITS.matcher(value).find();
        return harmless ? "'" + value + "'" : mask(value);
    }

    private static final java.util.regex.Pattern SIX_DIGITS = java.util.regex.Pattern.compile("\\d{6}");
}
