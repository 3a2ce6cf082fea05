package dk.udlaendinge.batch.console;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * How the console writes times, durations, statuses and free text: Danish date and time
 * ({@code 27.11.2026 19.45.03}) in the operators' zone, and every free text (exit messages, stack
 * traces, skip reasons) with anything shaped like a CPR number masked, whatever wrote it.
 */
final class ConsoleText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH.mm.ss");
    /** Six digits (ddmmyy), an optional dash or space, four digits, not inside a longer number. */
    private static final Pattern CPR_LIKE = Pattern.compile("(?<!\\d)(\\d{6})[- ]?\\d{4}(?!\\d)");

    private final ZoneId zone;

    ConsoleText(ZoneId zone) {
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
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

    /** Free text for a page: CPR-shaped numbers masked (as PersonalData.maskCpr shows them). */
    static String safe(String text) {
        return text == null ? "" : CPR_LIKE.matcher(text).replaceAll("$1-XXXX");
    }
}
