package dk.udlaendinge.batch.console;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import dk.udlaendinge.batch.common.PersonalData;

/**
 * How the console writes times, durations, statuses and free text: Danish date and time
 * ({@code 27.11.2026 19.45.03}) in the operators' zone, and every free text (exit
 * messages, stack traces, skip reasons) with anything shaped like a CPR number masked,
 * whatever wrote it.
 */
final class ConsoleText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH.mm.ss");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu");

    private static final DateTimeFormatter DATE_INPUT = DateTimeFormatter.ofPattern("d.M.uuuu")
        .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private final ZoneId zone;

    ConsoleText(ZoneId zone) {
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    /**
     * A date as a person types it on a page: {@code 01.06.2020} (the pages' format, also
     * {@code 1.6.2020}) or {@code 2020-06-01} (what a browser's date field sends). Null
     * for anything else, and for a year outside 2000–2099: a date that far off is a
     * typing error, and a huge one ({@code +999999999-12-31}) broke the database query
     * (HTTP 500).
     */
    static java.time.LocalDate date(String text) {
        if (text == null || text.isBlank() || text.length() > 12) {
            return null;
        }
        String t = text.strip();
        java.time.LocalDate d;
        try {
            d = t.matches("\\d{4}-\\d{2}-\\d{2}") ? java.time.LocalDate.parse(t)
                    : java.time.LocalDate.parse(t, DATE_INPUT);
        }
        catch (java.time.format.DateTimeParseException e) {
            return null;
        }
        return d.getYear() >= 2000 && d.getYear() <= 2099 ? d : null;
    }

    /** A date as the pages write it: 01.06.2020. */
    static String date(java.time.LocalDate d) {
        return d == null ? "" : DATE.format(d);
    }

    /**
     * What someone typed, to quote back: short, and only letters, digits and a few
     * separators.
     */
    static String shortInput(String text) {
        String t = text == null ? "" : text.replaceAll("[^0-9A-Za-z.\\-+/ ]", "?");
        return t.length() > 20 ? t.substring(0, 20) + "…" : t;
    }

    /**
     * A size in megabytes, as an operator compares it with the Digital Post limit: "0.04
     * MB", "12.3 MB".
     */
    static String megabytes(long bytes) {
        double mb = bytes / 1_000_000.0;
        return String.format(java.util.Locale.ROOT, mb < 1 ? "%.2f MB" : "%.1f MB", mb);
    }

    /** Spring Batch records times in the JVM's zone; shown in the operators' zone. */
    String time(LocalDateTime recorded) {
        return recorded == null ? "–" : TIME.format(recorded.atZone(ZoneId.systemDefault()).withZoneSameInstant(zone));
    }

    static String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return "–";
        }
        return duration(Duration.between(start, end == null ? LocalDateTime.now() : end));
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    /**
     * Free text for a page: CPR-shaped numbers masked, content hashes left whole
     * (PersonalData.maskCprNumbers).
     */
    static String safe(String text) {
        return PersonalData.maskCprNumbers(text);
    }

}
