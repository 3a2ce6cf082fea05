package dk.udlaendinge.batch.delivery;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import dk.udlaendinge.batch.common.Meters;

/**
 * Digital Post through the SMTP mail gateway. Each sending thread keeps one SMTP
 * connection open and sends message after message on it: a new connection per message
 * capped sending near 20 messages/s, one kept open gives several hundred. Transient
 * failures (connection refused or dropped, a 4xx reply) are retried on a fresh connection
 * with exponential back-off; when the retries are spent the caller gets a
 * {@link GatewayUnavailableException} naming the gateway, never the recipient. A
 * permanent refusal of one message (5xx at {@code RCPT TO}, or to the message's data) is
 * not retried and not an outage: the caller gets a {@link RecipientRefusedException} and
 * goes on with the next message.
 */
public final class SmtpGateway implements MailGateway, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpGateway.class);

    private final JavaMailSenderImpl sender;

    private final String description;

    private final RetryTemplate retry;

    private final int maxAttempts;

    private final ThreadLocal<Transport> connection = new ThreadLocal<>();

    private final Set<Transport> open = ConcurrentHashMap.newKeySet();

    public SmtpGateway(JavaMailSenderImpl sender, MailSettings.Retry settings) {
        this.sender = sender;
        this.description = "SMTP gateway " + sender.getHost() + ":" + (sender.getPort() > 0 ? sender.getPort() : 25);
        this.maxAttempts = settings.maxAttempts();
        RetryPolicy policy = GatewayRetry.backOff(settings)
            .includes(MessagingException.class)
            // a recipient the gateway refuses for good will not be accepted on a retry
            .predicate(t -> refusal(t) == null && tlsProblem(t) == null)
            .build();
        this.retry = GatewayRetry.template(policy, name -> {
            log.warn("{} did not take message {}; retrying with back-off", description, name);
            Meters.mailRetried(Meters.SMTP);
        });
    }

    @Override
    public void send(MimeMessage message, String key, Path outboxDir) {
        try {
            retry.execute(new Retryable<Void>() {
                @Override
                public Void execute() throws MessagingException {
                    Transport transport = connected();
                    try {
                        transport.sendMessage(message, message.getAllRecipients());
                    }
                    catch (MessagingException | RuntimeException e) {
                        disconnect(transport);
                        throw e;
                    }
                    Meters.mailSent(Meters.SMTP);
                    return null;
                }

                @Override
                public String getName() {
                    return key;
                }
            });
        }
        catch (RetryException e) {
            Meters.mailFailed(Meters.SMTP);
            Throwable last = e.getLastException() != null ? e.getLastException() : e.getCause();
            String tls = tlsProblem(last);
            if (tls != null) {
                throw new GatewayUnavailableException(description + " " + tls + "; message " + key + " was not sent");
            }
            String refused = refusal(last);
            if (refused != null) {
                throw new RecipientRefusedException(description, key, refused);
            }
            throw new GatewayUnavailableException(description + " did not accept message " + key + " after "
                    + maxAttempts + " attempt(s) (" + (last == null ? "unknown error" : last.getClass().getSimpleName())
                    + "); check the gateway, then run ./run.sh restart");
        }
    }

    /**
     * Opens a connection of its own to the gateway and closes it again, sending nothing:
     * the health check. The same session as a send, so the same timeouts and the same TLS
     * rules.
     */
    public void probe() throws MessagingException {
        Transport transport = sender.getSession()
            .getTransport(sender.getProtocol() == null ? "smtp" : sender.getProtocol());
        try {
            transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
        }
        finally {
            transport.close();
        }
    }

    private Transport connected() throws MessagingException {
        Transport transport = connection.get();
        if (transport != null && transport.isConnected()) {
            return transport;
        }
        transport = sender.getSession().getTransport(sender.getProtocol() == null ? "smtp" : sender.getProtocol());
        transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
        connection.set(transport);
        open.add(transport);
        return transport;
    }

    private void disconnect(Transport transport) {
        connection.remove();
        open.remove(transport);
        try {
            transport.close();
        }
        catch (MessagingException ignored) {
            // already broken; a fresh connection follows
        }
    }

    /**
     * A TLS failure is not transient: retrying it only delays the clear message. Returns
     * what the operator must do, or null when {@code t} is no TLS failure.
     */
    public static String tlsProblem(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException) {
                return "could not be reached over TLS (" + c.getClass().getSimpleName()
                        + ": is its certificate trusted?"
                        + " See README, \"Mail gateway TLS\": -Djavax.net.ssl.trustStore in JAVA_OPTS, or"
                        + " spring.mail.properties[mail.smtp.ssl.trust])";
            }
            if (String.valueOf(c.getMessage()).contains("STARTTLS")) {
                return "does not offer STARTTLS, and credentials and letters are never sent in clear; enable STARTTLS"
                        + " on the gateway, or only for a gateway on a trusted network set app.mail.allow-plaintext-auth:"
                        + " true (with a user name) or app.mail.allow-plaintext: true (without) (README, \"Mail gateway TLS\")";
            }
        }
        return null;
    }

    /**
     * "550 5.1.1": a reply's code and enhanced status code, nothing of its text (which
     * quotes the address).
     */
    private static final Pattern REPLY_CODES = Pattern.compile("^([245]\\d\\d)(?:[ -]([245]\\.\\d{1,3}\\.\\d{1,3}))?");

    /**
     * The codes of a permanent refusal of this one message, or null when {@code t} is
     * none: a 5xx reply to {@code RCPT TO} (the recipient) or to {@code DATA} or the
     * message's end (the message). A 5xx to {@code MAIL FROM} or to the login concerns
     * every message, and a 4xx is transient: both are the gateway's problem, retried and
     * then failing the step.
     */
    static String refusal(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SMTPAddressFailedException a && a.getReturnCode() >= 500 && a.getReturnCode() < 600) {
                return codes(a.getReturnCode(), a.getMessage());
            }
            if (c instanceof SMTPSendFailedException f && f.getReturnCode() >= 500 && f.getReturnCode() < 600
                    && forThisMessage(f.getCommand())) {
                return codes(f.getReturnCode(), f.getMessage());
            }
            if (c instanceof SendFailedException sfe && !(c instanceof SMTPSendFailedException)
                    && sfe.getInvalidAddresses() != null && sfe.getInvalidAddresses().length > 0
                    && (sfe.getValidUnsentAddresses() == null || sfe.getValidUnsentAddresses().length == 0)
                    && !(sfe.getNextException() instanceof SMTPAddressFailedException)) {
                return "invalid recipient"; // refused before any reply code (no transport
                                            // gave one)
            }
        }
        return null;
    }

    private static boolean forThisMessage(String command) {
        String c = command == null ? "" : command.strip().toUpperCase(java.util.Locale.ROOT);
        return c.equals(".") || c.startsWith("DATA") || c.startsWith("RCPT") || c.startsWith("BDAT");
    }

    private static String codes(int returnCode, String reply) {
        Matcher m = REPLY_CODES.matcher(reply == null ? "" : reply.strip());
        if (m.find() && m.group(2) != null && m.group(1).equals(String.valueOf(returnCode))) {
            return returnCode + " " + m.group(2);
        }
        return String.valueOf(returnCode);
    }

    /** Closes every connection still open (at shutdown). */
    @Override
    public void close() {
        for (Transport t : open) {
            try {
                t.close();
            }
            catch (MessagingException ignored) {
                // closing anyway
            }
        }
        open.clear();
    }

    @Override
    public String description() {
        return description;
    }

}
