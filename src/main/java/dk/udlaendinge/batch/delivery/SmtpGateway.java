package dk.udlaendinge.batch.delivery;

import java.nio.file.Path;

import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;

import dk.udlaendinge.batch.common.AppProperties;

/**
 * Digital Post through the SMTP mail gateway. Transient failures (connection refused, a
 * 4xx reply) are retried with exponential back-off; when the retries are spent the caller
 * gets a {@link GatewayUnavailableException} naming the gateway, never the recipient.
 */
public final class SmtpGateway implements MailGateway {

    private static final Logger log = LoggerFactory.getLogger(SmtpGateway.class);

    private final JavaMailSender sender;
    private final String description;
    private final RetryTemplate retry;
    private final int maxAttempts;

    public SmtpGateway(JavaMailSender sender, String host, int port, AppProperties.Retry settings) {
        this.sender = sender;
        this.description = "SMTP gateway " + host + ":" + port;
        this.maxAttempts = settings.maxAttempts();
        RetryPolicy policy = RetryPolicy.builder()
                .maxRetries(settings.maxAttempts() - 1L)
                .delay(settings.initialBackoff())
                .multiplier(settings.multiplier())
                .maxDelay(settings.maxBackoff())
                .includes(MailException.class)
                .excludes(MailParseException.class, MailPreparationException.class, MailAuthenticationException.class)
                .build();
        this.retry = new RetryTemplate(policy);
        this.retry.setRetryListener(new org.springframework.core.retry.RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy p, org.springframework.core.retry.Retryable<?> r) {
                log.warn("{} refused message {}; retrying with back-off", description, r.getName());
            }
        });
    }

    @Override
    public void send(MimeMessage message, String key, Path outboxDir) {
        try {
            retry.execute(new org.springframework.core.retry.Retryable<Void>() {
                @Override
                public Void execute() {
                    sender.send(message);
                    return null;
                }

                @Override
                public String getName() {
                    return key;
                }
            });
        } catch (RetryException e) {
            Throwable last = e.getLastException() != null ? e.getLastException() : e.getCause();
            throw new GatewayUnavailableException(description + " did not accept message " + key + " after "
                    + maxAttempts + " attempt(s) (" + (last == null ? "unknown error" : last.getClass().getSimpleName())
                    + "); check the gateway, then run ./run.sh restart");
        }
    }

    @Override
    public String description() {
        return description;
    }
}
