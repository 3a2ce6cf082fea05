package dk.udlaendinge.batch.quota.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The strict {@code ;}-separated UTF-8 format of the quota inputs: an exact header, no
 * quoting, no comments, whole numbers without separators. Every refusal names the file
 * and line.
 */
public final class StrictCsv {

    /** One data row: its 1-based line number and its trimmed fields. */
    public record Row(int line, List<String> fields) {
    }

    private StrictCsv() {
    }

    public static byte[] readBytes(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new QuotaInputException(what + " " + file + " does not exist or is not a file");
        }
        try {
            return Files.readAllBytes(file);
        }
        catch (NoSuchFileException e) {
            throw new QuotaInputException(what + " " + file + " does not exist");
        }
        catch (IOException e) {
            throw new QuotaInputException("cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }

    /**
     * Decodes and splits {@code content}; checks the header and the number of fields per
     * row.
     */
    public static List<Row> parse(Path file, byte[] content, String header) {
        String text = decode(file, content);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new QuotaInputException(file + " is empty; expected the header line " + header);
        }
        String[] lines = text.split("\r?\n", -1);
        int last = lines.length;
        while (last > 0 && lines[last - 1].isEmpty()) {
            last--; // trailing newline(s)
        }
        if (!lines[0].trim().equals(header)) {
            throw new QuotaInputException(file + " line 1: wrong header '" + lines[0].trim() + "'; expected " + header);
        }
        int columns = header.split(";").length;
        List<Row> rows = new ArrayList<>();
        for (int n = 1; n < last; n++) {
            String[] fields = lines[n].split(";", -1);
            if (lines[n].isBlank()) {
                throw new QuotaInputException(file + " line " + (n + 1) + ": empty line");
            }
            if (fields.length != columns) {
                throw new QuotaInputException(file + " line " + (n + 1) + ": expected " + columns
                        + " fields separated by ';', found " + fields.length);
            }
            List<String> trimmed = new ArrayList<>(columns);
            for (String f : fields) {
                trimmed.add(f.trim());
            }
            rows.add(new Row(n + 1, trimmed));
        }
        return rows;
    }

    /**
     * A whole number, or an error naming file, line, column and (when known) the unit.
     */
    public static long number(Path file, Row row, String column, String value, String unit) {
        if (value.matches("-?[0-9]{1,18}")) {
            return Long.parseLong(value);
        }
        throw new QuotaInputException(file + " line " + row.line() + (unit == null ? "" : " (" + unit + ")") + ": "
                + column + " '" + value + "' is not a whole number");
    }

    /**
     * A whole number from {@code min} to {@code max}, or an error naming file, line,
     * column (by number and name) and the range. Checked here, when the file is read,
     * because a figure beyond any real count overflows the sums later and fails far from
     * its line, or not at all.
     */
    public static long number(Path file, Row row, int columnNumber, String column, String value, String unit, long min,
            long max) {
        String line = file + " line " + row.line();
        String where = line + (unit == null ? "" : " (" + unit + ")") + ", column " + columnNumber;
        if (!value.matches("-?[0-9]+")) {
            throw new QuotaInputException(where + ": " + column + " '" + shorten(value) + "' is not a whole number");
        }
        long n;
        try {
            n = Long.parseLong(value);
        }
        catch (NumberFormatException e) { // more digits than a long holds
            n = value.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (n < 0 && min == 0) {
            throw new QuotaInputException(line + ": " + (unit == null ? "" : unit + " has a ")
                    + "negative count in column " + columnNumber + " (" + column + "): " + shorten(value));
        }
        if (n < min || n > max) {
            throw new QuotaInputException(where + ": " + column + " " + shorten(value) + " is outside "
                    + String.format(java.util.Locale.ROOT, "%,d", min) + " to "
                    + String.format(java.util.Locale.ROOT, "%,d", max) + "; correct the figure");
        }
        return n;
    }

    private static String shorten(String value) {
        return value.length() > 24 ? value.substring(0, 24) + "…" : value;
    }

    private static String decode(Path file, byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int k = 0; k < in.position(); k++) {
                if (content[k] == '\n') {
                    line++;
                }
            }
            throw new QuotaInputException(file + " line " + line + ": not valid UTF-8 (byte offset " + in.position()
                    + "); save the file as UTF-8");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

}
