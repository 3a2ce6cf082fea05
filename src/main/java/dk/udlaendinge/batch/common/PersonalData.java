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
}
