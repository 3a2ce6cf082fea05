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
     * did not take it after all retries (an outage: the caller stops), and
     * {@link RecipientRefusedException} when it refused this one message for good (the
     * caller skips it and goes on). Neither exception's message names a person.
     */
    void send(MimeMessage message, String key, Path outboxDir);

    /** For logs and errors: which gateway this is (no secrets). */
    String description();

}
