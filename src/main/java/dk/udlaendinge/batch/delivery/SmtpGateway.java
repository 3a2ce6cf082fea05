package dk.udlaendinge.batch.delivery;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import dk.udlaendinge.batch.common.AppProperties;
import dk.udlaendinge.batch.common.Meters;

/**
 * Digital Post through the SMTP mail gateway. Each sending thread keeps one SMTP connection
 * open and sends message after message on it: a new connection per message capped sending
 * near 20 messages/s, one kept open gives several hundred. Transient failures (connection
 * refused or dropped, a 4xx reply) are retried on a fresh connection with exponential
 * back-off; when the retries are spent the caller gets a {@link GatewayUnavailableException}
 * naming the gateway, never the recipient.
 */
public final class SmtpGateway implements MailGateway, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpGateway.class);

    private final JavaMailSenderImpl sender;
    private final String description;
    private final RetryTemplate retry;
    private final int maxAttempts;
    private final ThreadLocal<Transport> connection = new ThreadLocal<>();
    private final Set<Transport> open = ConcurrentHashMap.newKeySet();

    public SmtpGateway(JavaMailSenderImpl sender, AppProperties.Retry settings) {
        this.sender = sender;
        this.description = "SMTP gateway " + sender.getHost() + ":" + (sender.getPort() > 0 ? sender.getPort() : 25);
        this.maxAttempts = settings.maxAttempts();
        RetryPolicy policy = RetryPolicy.builder()
                .maxRetries(settings.maxAttempts() - 1L)
                .delay(settings.initialBackoff())
                .multiplier(settings.multiplier())
                .maxDelay(settings.maxBackoff())
                .includes(MessagingException.class)
                // a recipient the gateway refuses for good will not be accepted on a retry
                .predicate(t -> !(t instanceof SendFailedException sfe && permanent(sfe)) && tlsProblem(t) == null)
                .build();
        this.retry = new RetryTemplate(policy);
        this.retry.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy p, Retryable<?> r) {
                log.warn("{} did not take message {}; retrying with back-off", description, r.getName());
                Meters.mailRetried(Meters.SMTP);
            }
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
                    } catch (MessagingException | RuntimeException e) {
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
        } catch (RetryException e) {
            Meters.mailFailed(Meters.SMTP);
            Throwable last = e.getLastException() != null ? e.getLastException() : e.getCause();
            String tls = tlsProblem(last);
            if (tls != null) {
                throw new GatewayUnavailableException(description + " " + tls + "; message " + key + " was not sent");
            }
            if (last instanceof SendFailedException sfe && permanent(sfe)) {
                throw new GatewayUnavailableException(description + " refused the recipient of message " + key
                        + " for good; correct the Digital Post address in the registry, re-import, then ./run.sh restart");
            }
            throw new GatewayUnavailableException(description + " did not accept message " + key + " after "
                    + maxAttempts + " attempt(s) (" + (last == null ? "unknown error" : last.getClass().getSimpleName())
                    + "); check the gateway, then run ./run.sh restart");
        }
    }

    /**
     * Opens a connection of its own to the gateway and closes it again, sending nothing: the
     * health check. The same session as a send, so the same timeouts and the same TLS rules.
     */
    public void probe() throws MessagingException {
        Transport transport = sender.getSession().getTransport(sender.getProtocol() == null ? "smtp" : sender.getProtocol());
        try {
            transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
        } finally {
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
        } catch (MessagingException ignored) {
            // already broken; a fresh connection follows
        }
    }

    /**
     * A TLS failure is not transient: retrying it only delays the clear message. Returns what
     * the operator must do, or null when {@code t} is no TLS failure.
     */
    public static String tlsProblem(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException) {
                return "could not be reached over TLS (" + c.getClass().getSimpleName() + ": is its certificate trusted?"
                        + " See README, \"Mail gateway TLS\": -Djavax.net.ssl.trustStore in JAVA_OPTS, or"
                        + " spring.mail.properties[mail.smtp.ssl.trust])";
            }
            if (String.valueOf(c.getMessage()).contains("STARTTLS")) {
                return "does not offer STARTTLS, and credentials and letters are never sent in clear; enable STARTTLS"
                        + " on the gateway, or set app.mail.allow-plaintext-auth: true only for a gateway on a trusted"
                        + " network (README, \"Mail gateway TLS\")";
            }
        }
        return null;
    }

    private static boolean permanent(SendFailedException e) {
        return e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
    }

    /** Closes every connection still open (at shutdown). */
    @Override
    public void close() {
        for (Transport t : open) {
            try {
                t.close();
            } catch (MessagingException ignored) {
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
