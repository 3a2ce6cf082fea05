package dk.udlaendinge.batch.delivery;

import java.nio.file.Path;

import org.springframework.core.io.InputStreamSource;

/**
 * A file that travels with a message: bytes in memory, a file read when sent, or a source
 * opened each time the message is written (a case document, which is opened through its
 * own checks every time, because the disk may change between measuring and sending).
 */
public record Attachment(String fileName, String contentType, byte[] content, Path file, InputStreamSource source) {

    public static Attachment of(String fileName, String contentType, byte[] content) {
        return new Attachment(fileName, contentType, content, null, null);
    }

    public static Attachment ofFile(String fileName, String contentType, Path file) {
        return new Attachment(fileName, contentType, null, file, null);
    }

    public static Attachment ofSource(String fileName, String contentType, InputStreamSource source) {
        return new Attachment(fileName, contentType, null, null, source);
    }
}
