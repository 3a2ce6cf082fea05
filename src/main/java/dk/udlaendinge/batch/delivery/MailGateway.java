package dk.udlaendinge.batch.delivery;

import java.nio.file.Path;

import jakarta.mail.internet.MimeMessage;

/**
 * Where Digital Post messages go: the SMTP mail gateway, or (with no gateway configured,
 * the embedded default) {@code .eml} files in an outbox folder.
 */
public interface MailGateway {

    /**
     * Delivers one message. Throws {@link GatewayUnavailableException} when the gateway
     * refused it after all retries; the message of that exception never names a person.
     */
    void send(MimeMessage message, String key, Path outboxDir);

    /** For logs and errors: which gateway this is (no secrets). */
    String description();
}
