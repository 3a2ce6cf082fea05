package dk.udlaendinge.batch.monitoring;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.delivery.OutboxGateway;
import dk.udlaendinge.batch.delivery.SmtpGateway;

/**
 * Health component {@code mailGateway}: can the night's run hand its messages over? For
 * the SMTP gateway it opens a connection (with the configured timeouts and TLS rules, as
 * a send would) and closes it again, sending nothing. With no gateway configured the
 * messages are written as {@code .eml} files to the outbox folder: that is a choice, not
 * a failure, so the component is UP and says so (whether the folder can be written is
 * {@code outputFolder}'s question). Details name the gateway's host and port, never a
 * user name or password.
 * <p>
 * The SMTP answer is kept for {@link #KEEP}: every health call (a monitoring agent's
 * scrape, a load balancer's check, anyone who can reach a loopback endpoint) logged in to
 * the gateway, and a gateway that counts logins may take many for an attack. Within a
 * minute of the last probe the same answer is given again, with the time it was found
 * ({@code checkedAt}).
 */
final class MailGatewayHealthIndicator implements HealthIndicator {

    static final Duration KEEP = Duration.ofMinutes(1);

    private final MailGateway gateway;

    private final Duration keep;

    private final Path outboxRoot;

    private final Clock clock;

    private Health cached;

    private Instant cachedAt;

    MailGatewayHealthIndicator(MailGateway gateway, Path outputDir) {
        this(gateway, outputDir, Clock.systemUTC(), KEEP);
    }

    /**
     * @param keep how long one probe's answer is given again
     * ({@code app.health.mail-gateway-keep})
     */
    MailGatewayHealthIndicator(MailGateway gateway, Path outputDir, Clock clock, Duration keep) {
        this.gateway = gateway;
        this.keep = keep;
        this.outboxRoot = outputDir.resolve("outbox").toAbsolutePath().normalize();
        this.clock = clock;
    }

    @Override
    public Health health() {
        if (gateway instanceof SmtpGateway smtp) {
            synchronized (this) { // concurrent calls wait for the one probe
                Instant now = clock.instant();
                if (cached == null || !now.isBefore(cachedAt.plus(keep)) || now.isBefore(cachedAt)) {
                    cached = probe(smtp, now);
                    cachedAt = now;
                }
                return cached;
            }
        }
        if (gateway instanceof OutboxGateway) {
            return Health.up()
                .withDetail("mode", "outbox")
                .withDetail("gateway", "none configured (spring.mail.host): messages are written as .eml files")
                .withDetail("folder", outboxRoot.toString())
                .build();
        }
        return Health.unknown().withDetail("gateway", gateway.description()).build();
    }

    private static Health probe(SmtpGateway smtp, Instant now) {
        try {
            smtp.probe();
            return Health.up()
                .withDetail("mode", "smtp")
                .withDetail("gateway", smtp.description())
                .withDetail("checkedAt", now.toString())
                .build();
        }
        catch (Exception e) {
            String tls = SmtpGateway.tlsProblem(e);
            return Health.down()
                .withDetail("mode", "smtp")
                .withDetail("gateway", smtp.description())
                .withDetail("error", tls != null ? tls : e.getClass().getSimpleName() + ": " + e.getMessage())
                .withDetail("checkedAt", now.toString())
                .build();
        }
    }

}
