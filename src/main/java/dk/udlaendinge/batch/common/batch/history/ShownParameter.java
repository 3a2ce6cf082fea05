package dk.udlaendinge.batch.common.batch.history;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A job parameter as an operator is shown it: what identifies a run (a run date, a year,
 * a revision, an imported file). The one rule for which parameters are shown, used by
 * {@code ./run.sh status}, the console and the launch messages: a parameter that does not
 * identify the run is not shown; a content hash (its name says hash or fingerprint)
 * identifies but says nothing to an operator and is not shown; a file path is shown as
 * the file's name. Our parameters hold dates, years, file paths and hashes, never a
 * person.
 */
public record ShownParameter(String name, String value) {

    /** The parameter as shown, or null when it is not shown. */
    public static ShownParameter of(String name, Object value, boolean identifying) {
        if (!identifying || value == null || isContentHash(name)) {
            return null;
        }
        String text = String.valueOf(value);
        if (isFile(name)) {
            text = text.isBlank() ? "" : fileName(text);
        }
        return text.isBlank() ? null : new ShownParameter(name, text);
    }

    /** A hash of an input's content: it identifies a run but is not shown. */
    public static boolean isContentHash(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("hash") || lower.contains("fingerprint");
    }

    private static boolean isFile(String name) {
        return name.equals("registry") || name.equals("documents");
    }

    private static String fileName(String path) {
        try {
            Path p = Path.of(path).getFileName();
            return p == null ? path : p.toString();
        }
        catch (java.nio.file.InvalidPathException e) {
            return path;
        }
    }
}
