package dk.udlaendinge.batch.deposit;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * CPR number format {@code DDMMYY-SSSS} with a real calendar date. The century follows
 * the CPR office's rule on the seventh digit (the first of SSSS), which matters for 29
 * February.
 */
public final class CprNumber {

    private CprNumber() {
    }

    /** Null when valid, else the reason (never quoting the number). */
    public static String problem(String cpr) {
        if (cpr == null || !cpr.matches("\\d{6}-\\d{4}")) {
            return "must be DDMMYY-SSSS";
        }
        int day = Integer.parseInt(cpr.substring(0, 2));
        int month = Integer.parseInt(cpr.substring(2, 4));
        int yy = Integer.parseInt(cpr.substring(4, 6));
        int seventh = cpr.charAt(7) - '0';
        int century;
        if (seventh <= 3) {
            century = 1900;
        }
        else if (seventh == 4 || seventh == 9) {
            century = yy <= 36 ? 2000 : 1900;
        }
        else {
            century = yy <= 57 ? 2000 : 1800;
        }
        try {
            LocalDate.of(century + yy, month, day);
            return null;
        }
        catch (DateTimeException e) {
            return "is not a real calendar date";
        }
    }

}
