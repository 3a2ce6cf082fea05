package dk.udlaendinge.batch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import dk.udlaendinge.batch.common.AppProperties;
import dk.udlaendinge.batch.delivery.MemoHttpGateway;
import dk.udlaendinge.batch.delivery.MemoOutboxGateway;
import dk.udlaendinge.batch.delivery.OutboxGateway;
import dk.udlaendinge.batch.delivery.SmtpGateway;

/**
 * The health components on their own, on real folders and a real closed port: the outbox is a
 * choice, not a failure; a gateway that cannot be reached is DOWN and named without its
 * credentials; a missing output folder is made as a run would make it.
 */
class HealthIndicatorsTest {

    @TempDir
    Path dir;

    @Test
    void withoutAGatewayTheOutboxIsUpAndSaysSo() {
        Health health = new MailGatewayHealthIndicator(new OutboxGateway(), dir.resolve("out")).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("mode", "outbox")
                .containsEntry("folder", dir.resolve("out/outbox").toAbsolutePath().toString());
    }

    @Test
    void anUnreachableGatewayIsDownAndNamedWithoutItsCredentials() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(closed);
        sender.setUsername("batch-user");
        sender.setPassword("s3cret-pass");
        sender.getJavaMailProperties().setProperty("mail.smtp.connectiontimeout", "5000");
        try (SmtpGateway gateway = new SmtpGateway(sender, new AppProperties.Retry(1, Duration.ofMillis(10), 1.0,
                Duration.ofMillis(10)))) {
            Health health = new MailGatewayHealthIndicator(gateway, dir).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("gateway", "SMTP gateway 127.0.0.1:" + closed)
                    .containsKey("error");
            assertThat(health.getDetails().toString()).doesNotContain("s3cret-pass", "batch-user");
        }
    }

    @Test
    void theMemoReceiverIsUpWhenNotUsedOrWritingToTheOutboxAndDownWhenItCannotBeReached() throws IOException {
        assertThat(new MemoReceiverHealthIndicator(new MemoOutboxGateway(), false).health().getDetails())
                .containsEntry("mode", "not used (app.digital-post.transport: smtp)");
        Health outbox = new MemoReceiverHealthIndicator(new MemoOutboxGateway(), true).health();
        assertThat(outbox.getStatus()).isEqualTo(Status.UP);
        assertThat(outbox.getDetails()).containsEntry("mode", "outbox");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        MemoHttpGateway gateway = new MemoHttpGateway(URI.create("http://127.0.0.1:" + closed + "/memo"), null,
                Duration.ofSeconds(5), Duration.ofSeconds(5), new AppProperties.Retry(1, Duration.ofMillis(10), 1.0,
                        Duration.ofMillis(10)));
        Health down = new MemoReceiverHealthIndicator(gateway, true).health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("mode", "memo").containsEntry("receiver", gateway.description())
                .containsKey("error");
    }

    @Test
    void aMissingOutputFolderIsCreatedAndWritable() {
        Path out = dir.resolve("not-yet/out");
        Health health = new OutputFolderHealthIndicator(out).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(out).isDirectory().isEmptyDirectory(); // the probe file is gone again
        assertThat(OutputFolderHealthIndicator.existingFolderOrParent(dir.resolve("absent/deeper"))).isEqualTo(dir);
    }

    @Test
    void anOutputFolderUnderAFileIsDown() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Health health = new OutputFolderHealthIndicator(file.resolve("out")).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error").toString()).contains("app.output-dir");
    }
}
