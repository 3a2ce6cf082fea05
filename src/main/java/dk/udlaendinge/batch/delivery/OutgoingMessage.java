package dk.udlaendinge.batch.delivery;

import java.util.List;

/**
 * What is to be sent, before it becomes MIME. {@code key} is the business key the
 * Message-ID is derived from (for example {@code notice-42}, see {@link MessageKeys}); it
 * must not hold personal data.
 */
public record OutgoingMessage(String key, String to, String subject, String text, List<Attachment> attachments) {

    public OutgoingMessage {
        attachments = List.copyOf(attachments);
    }
}
