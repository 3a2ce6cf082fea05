package dk.udlaendinge.batch.delivery;

import java.nio.file.Path;

/** A file that travels with a message: either bytes in memory or a file read when sent. */
public record Attachment(String fileName, String contentType, byte[] content, Path file) {

    public static Attachment of(String fileName, String contentType, byte[] content) {
        return new Attachment(fileName, contentType, content, null);
    }

    public static Attachment ofFile(String fileName, String contentType, Path file) {
        return new Attachment(fileName, contentType, null, file);
    }
}
