package dk.udlaendinge.batch.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.activation.FileDataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import dk.udlaendinge.batch.common.MailAddress;

/**
 * Turns an {@link OutgoingMessage} into the exact MIME message that will be sent, and
 * measures it: the Digital Post limit applies to the whole message as sent (attachments
 * base64-encoded), not to the sum of the files.
 */
public final class MessageComposer {

    private final Session session = Session.getInstance(new Properties());

    private final String from;

    private final String messageIdDomain;

    public MessageComposer(String from, String messageIdDomain) {
        this.from = from;
        this.messageIdDomain = messageIdDomain;
    }

    public String messageId(String key) {
        return "<" + key + "@" + messageIdDomain + ">";
    }

    public MimeMessage compose(OutgoingMessage message, Instant sentDate) {
        try {
            MimeMessage mime = new StableIdMimeMessage(session, messageId(message.key()));
            mime.setFrom(new InternetAddress(from));
            // a recipient exempt from Digital Post may have no mailbox: the message is
            // still built,
            // to be measured, and goes to paper (notice.Routing)
            if (message.to() != null && !message.to().isBlank()) {
                // exactly one plain address: a lenient parse turns "victim@x, attacker@y"
                // into two recipients
                InternetAddress to;
                try {
                    to = MailAddress.parse(message.to());
                }
                catch (IllegalArgumentException e) {
                    throw new InvalidRecipientException(message.key(), e.getMessage());
                }
                mime.setRecipient(MimeMessage.RecipientType.TO, to);
            }
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mime.setSentDate(Date.from(sentDate));
            MimeMultipart multipart = new MimeMultipart("mixed");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.text(), StandardCharsets.UTF_8.name());
            multipart.addBodyPart(text);
            for (Attachment a : message.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(dataSource(a)));
                part.setHeader("Content-Type", a.contentType());
                part.setFileName(safeFileName(a.fileName()));
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                part.setHeader("Content-Transfer-Encoding", "base64");
                multipart.addBodyPart(part);
            }
            mime.setContent(multipart);
            mime.saveChanges();
            return mime;
        }
        catch (MessagingException e) {
            // the cause may quote an address: keep only the message key
            throw new IllegalStateException(
                    "cannot compose message " + message.key() + ": " + e.getClass().getSimpleName());
        }
    }

    /**
     * An attachment's name as it may stand in a part header: a case document's name comes
     * from the disk, and a line break in it (a file named so, or reached through a link
     * named so) would add headers of its own, a {@code Bcc:} among them. Control
     * characters, line and paragraph separators, quotes, brackets and path separators
     * become {@code _}; the name is cut to 100 characters, keeping its extension; an
     * empty one becomes {@code dokument.pdf}. Other letters (æ, ø, å) stay: Jakarta Mail
     * encodes them (RFC 2231).
     */
    static String safeFileName(String name) {
        if (name == null) {
            return "dokument.pdf";
        }
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean unsafe = Character.isISOControl(c) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT
                    || "\"\\/<>:;|?*".indexOf(c) >= 0;
            b.appendCodePoint(unsafe ? '_' : Character.isWhitespace(c) ? ' ' : c);
        });
        String safe = b.toString().strip();
        while (safe.startsWith(".")) {
            safe = safe.substring(1);
        }
        if (safe.codePointCount(0, safe.length()) > 100) {
            int dot = safe.lastIndexOf('.');
            String extension = dot > 0 && safe.length() - dot <= 10 ? safe.substring(dot) : "";
            safe = safe.substring(0, safe.offsetByCodePoints(0, 100 - extension.length())) + extension;
        }
        return safe.isEmpty() ? "dokument.pdf" : safe;
    }

    /**
     * Where an attachment's bytes come from: memory, a file, or a source opened each time
     * it is read.
     */
    private static DataSource dataSource(Attachment a) {
        if (a.source() != null) {
            return new DataSource() {
                @Override
                public InputStream getInputStream() throws IOException {
                    return a.source().getInputStream();
                }

                @Override
                public OutputStream getOutputStream() throws IOException {
                    throw new IOException("attachment " + a.fileName() + " is read-only");
                }

                @Override
                public String getContentType() {
                    return a.contentType();
                }

                @Override
                public String getName() {
                    return a.fileName();
                }
            };
        }
        return a.file() != null ? new FileDataSource(a.file().toFile())
                : new ByteArrayDataSource(a.content(), a.contentType());
    }

    /** The size in bytes of the message as it goes over the wire. */
    public static long measure(MimeMessage message) {
        CountingOutputStream counter = new CountingOutputStream();
        try {
            message.writeTo(counter);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read an attachment while measuring a message: " + e.getMessage(), e);
        }
        catch (MessagingException e) {
            throw new IllegalStateException("cannot measure message: " + e.getClass().getSimpleName());
        }
        return counter.count;
    }

    private static final class CountingOutputStream extends OutputStream {

        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }

    }

}
