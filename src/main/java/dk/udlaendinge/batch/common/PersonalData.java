package dk.udlaendinge.batch.common;

/**
 * Masking for personal data (docs/REGISTRY.md, "Personal data"): CPR numbers, names and
 * addresses never reach logs, job parameters, execution contexts or exception messages.
 * Where a message must point at a value, it shows the masked form.
 */
public final class PersonalData {

    private PersonalData() {
    }

    /**
     * {@code 120379-4411} becomes {@code 120379-XXXX}; anything else becomes {@code ***}.
     */
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
     * A value for an error message: quoted when it is short and plainly harmless
     * (letters, digits and a few separators, no run of six digits that could be a CPR
     * number), else described by its length like {@link #mask}. For columns that are not
     * personal; a personal column's value is always {@link #mask}ed.
     */
    public static String quoteIfHarmless(String value) {
        if (value == null) {
            return "(empty)";
        }
        boolean harmless = value.length() <= 24 && value.chars()
            .allMatch(c -> Character.isLetterOrDigit(c) || c == ' ' || c == '.' || c == ',' || c == '-' || c == '_'
                    || c == '/')
                && !SIX_DIGITS.matcher(value).find();
        return harmless ? "'" + value + "'" : mask(value);
    }

    /**
     * Free text (an exit message, a stack trace, a skip reason) with every CPR-shaped
     * number masked as {@link #maskCpr} shows it: six digits, an optional dash or space,
     * four digits, not inside a longer number. A content hash is left whole: a run of 32
     * or more hexadecimal characters standing on its own (a SHA-256 of an input file is
     * 64) is a hash, and a run of ten digits inside it is not a CPR number; masking it
     * made the hash on the console differ from the one in the log and the run's
     * parameters.
     */
    public static String maskCprNumbers(String text) {
        if (text == null) {
            return "";
        }
        java.util.regex.Matcher hash = HEX_HASH.matcher(text);
        StringBuilder b = new StringBuilder(text.length());
        int from = 0;
        while (hash.find()) {
            b.append(CPR_LIKE.matcher(text.substring(from, hash.start())).replaceAll("$1-XXXX"));
            b.append(hash.group());
            from = hash.end();
        }
        b.append(CPR_LIKE.matcher(text.substring(from)).replaceAll("$1-XXXX"));
        return b.toString();
    }

    private static final java.util.regex.Pattern SIX_DIGITS = java.util.regex.Pattern.compile("\\d{6}");

    /**
     * Six digits (ddmmyy), an optional dash or space, four digits, not inside a longer
     * number.
     */
    private static final java.util.regex.Pattern CPR_LIKE = java.util.regex.Pattern
        .compile("(?<!\\d)(\\d{6})[- ]?\\d{4}(?!\\d)");

    private static final java.util.regex.Pattern HEX_HASH = java.util.regex.Pattern
        .compile("(?<![0-9A-Za-z])[0-9A-Fa-f]{32,}(?![0-9A-Za-z])");

}
