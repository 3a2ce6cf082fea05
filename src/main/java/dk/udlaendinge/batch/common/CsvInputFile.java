package dk.udlaendinge.batch.common;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks an input CSV before a job touches it: it exists, is readable, is not empty, is
 * valid UTF-8 throughout and starts with exactly the expected header (or one of several).
 * Also gives the content fingerprint that identifies an import, so the same file imported
 * twice is recognised. Runs before the job, so a bad file leaves no half-written state.
 */
public final class CsvInputFile {

    private CsvInputFile() {
    }

    /** Returns the SHA-256 of the file's content after checking it. */
    public static String check(Path file, String what, List<String> expectedHeader) {
        return checkOneOf(file, what, List.of(expectedHeader));
    }

    /**
     * As {@link #check}, for a file that may start with any of {@code acceptedHeaders} (a
     * format and its successor); a header that is none of them is refused, named against
     * the one of its length.
     */
    public static String checkOneOf(Path file, String what, List<List<String>> acceptedHeaders) {
        List<String> expectedHeader = acceptedHeaders.get(0);
        if (file == null) {
            throw new BadInputException(what + ": no file given");
        }
        if (!Files.exists(file)) {
            throw new BadInputException(what + " " + file + " does not exist; check the path");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new BadInputException(what + " " + file + " is not a readable file; check its permissions");
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        String header = null;
        long line = 0;
        // decoded line by line (a '\n' byte is never part of a UTF-8 sequence), so the
        // message
        // names the line that holds the bad bytes, not one a read-ahead buffer away from
        // it
        try (InputStream in = new BufferedInputStream(new DigestInputStream(Files.newInputStream(file), sha256),
                1 << 16)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int b = in.read();; b = in.read()) {
                if (b >= 0 && b != '\n') {
                    bytes.write(b);
                    continue;
                }
                if (b < 0 && bytes.size() == 0) {
                    break;
                }
                line++;
                String text = utf8.decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
                if (header == null) {
                    header = text.startsWith("\uFEFF") ? text.substring(1) : text;
                }
                bytes.reset();
                if (b < 0) {
                    break;
                }
            }
        }
        catch (CharacterCodingException e) {
            throw new BadInputException(
                    what + " " + file + " is not valid UTF-8 (line " + line + "); save it as UTF-8 and try again");
        }
        catch (IOException e) {
            throw new BadInputException(what + " " + file + " cannot be read: " + e.getMessage());
        }
        if (header == null || header.isBlank()) {
            throw new BadInputException(
                    what + " " + file + " is empty; it must start with the header " + String.join(";", expectedHeader));
        }
        String found = header.strip();
        if (acceptedHeaders.stream().noneMatch(h -> String.join(";", h).equals(found))) {
            String expected = String.join(";", acceptedHeaders.get(0));
            for (List<String> other : acceptedHeaders.subList(1, acceptedHeaders.size())) {
                expected += "' or '" + String.join(";", other);
            }
            throw new BadInputException(what + " " + file + ": line 1 must be the header '" + expected + "'; "
                    + headerDifference(found.split(";", -1), closest(found.split(";", -1), acceptedHeaders)));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * The accepted header with as many columns as the line, else the longest: the one to
     * name a difference against.
     */
    private static List<String> closest(String[] actual, List<List<String>> accepted) {
        return accepted.stream()
            .filter(h -> h.size() == actual.length)
            .findFirst()
            .orElse(accepted.stream()
                .filter(h -> h.size() >= actual.length)
                .findFirst()
                .orElse(accepted.get(accepted.size() - 1)));
    }

    /**
     * Names the first differing column without echoing the line: it may be a data row.
     */
    private static String headerDifference(String[] actual, List<String> expected) {
        for (int i = 0; i < expected.size(); i++) {
            if (i >= actual.length || !actual[i].strip().equals(expected.get(i))) {
                return "column " + (i + 1) + " should be '" + expected.get(i) + "' (found " + actual.length
                        + " columns)";
            }
        }
        return "it has " + actual.length + " columns, expected " + expected.size();
    }

}
