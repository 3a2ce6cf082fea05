package dk.udlaendinge.batch.delivery;

import java.nio.file.Path;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import dk.udlaendinge.batch.common.Meters;
import dk.udlaendinge.batch.common.OwnerOnlyFiles;

/**
 * The embedded default: each message becomes {@code <outbox>/<key>.eml}, rewritten
 * idempotently.
 */
public final class OutboxGateway implements MailGateway {

    @Override
    public void send(MimeMessage message, String key, Path outboxDir) {
        OwnerOnlyFiles.write(outboxDir.resolve(key + ".eml"), out -> {
            try {
                message.writeTo(out);
            }
            catch (MessagingException e) {
                throw new java.io.IOException("cannot write message " + key + ": " + e.getClass().getSimpleName());
            }
        });
        Meters.mailSent(Meters.OUTBOX);
    }

    @Override
    public String description() {
        return "outbox folder (no mail gateway configured)";
    }

}
