package dk.udlaendinge.batch.monitoring;

import java.nio.file.Path;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.delivery.OutboxGateway;
import dk.udlaendinge.batch.delivery.SmtpGateway;

/**
 * Health component {@code mailGateway}: can the night's run hand its messages over? For the
 * SMTP gateway it opens a connection (with the configured timeouts and TLS rules, as a send
 * would) and closes it again, sending nothing. With no gateway configured the messages are
 * written as {@code .eml} files to the outbox folder: that is a choice, not a failure, so the
 * component is UP and says so (whether the folder can be written is {@code outputFolder}'s
 * question). Details name the gateway's host and port, never a user name or password.
 */
final class MailGatewayHealthIndicator implements HealthIndicator {

    private final MailGateway gateway;
    private final Path outboxRoot;

    MailGatewayHealthIndicator(MailGateway gateway, Path outputDir) {
        this.gateway = gateway;
        this.outboxRoot = outputDir.resolve("outbox").toAbsolutePath().normalize();
    }

    @Override
    public Health health() {
        if (gateway instanceof SmtpGateway smtp) {
            try {
                smtp.probe();
                return Health.up().withDetail("mode", "smtp").withDetail("gateway", smtp.description()).build();
            } catch (Exception e) {
                String tls = SmtpGateway.tlsProblem(e);
                return Health.down().withDetail("mode", "smtp").withDetail("gateway", smtp.description())
                        .withDetail("error", tls != null ? tls : e.getClass().getSimpleName() + ": " + e.getMessage())
                        .build();
            }
        }
        if (gateway instanceof OutboxGateway) {
            return Health.up().withDetail("mode", "outbox")
                    .withDetail("gateway", "none configured (spring.mail.host): messages are written as .eml files")
                    .withDetail("folder", outboxRoot.toString()).build();
        }
        return Health.unknown().withDetail("gateway", gateway.description()).build();
    }
}
