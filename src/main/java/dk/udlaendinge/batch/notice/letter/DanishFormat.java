package dk.udlaendinge.batch.notice.letter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Danish formatting of amounts and dates as letters show them: {@code 20.685,76 kr.} and
 * {@code 1. januar 2015}. Stateless and thread-safe.
 */
public final class DanishFormat {

    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d. MMMM yyyy",
            Locale.forLanguageTag("da-DK"));

    private DanishFormat() {
    }

    /**
     * {@code 20685.76} becomes {@code 20.685,76 kr.}; the amount must be exact to the
     * øre.
     */
    public static String amount(BigDecimal amount) {
        BigDecimal ore = amount.setScale(2, RoundingMode.UNNECESSARY);
        String plain = ore.abs().toPlainString();
        int dot = plain.indexOf('.');
        String kroner = plain.substring(0, dot);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < kroner.length(); i++) {
            if (i > 0 && (kroner.length() - i) % 3 == 0) {
                grouped.append('.');
            }
            grouped.append(kroner.charAt(i));
        }
        return (ore.signum() < 0 ? "-" : "") + grouped + "," + plain.substring(dot + 1) + " kr.";
    }

    /** {@code 2015-01-01} becomes {@code 1. januar 2015}. */
    public static String date(LocalDate date) {
        return LONG_DATE.format(date);
    }

}
