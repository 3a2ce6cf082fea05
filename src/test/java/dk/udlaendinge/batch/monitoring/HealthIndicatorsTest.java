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

import dk.udlaendinge.batch.delivery.MailSettings;
import dk.udlaendinge.batch.delivery.MemoHttpGateway;
import dk.udlaendinge.batch.delivery.MemoOutboxGateway;
import dk.udlaendinge.batch.delivery.OutboxGateway;
import dk.udlaendinge.batch.delivery.SmtpGateway;

/**
 * The health components on their own, on real folders and a real closed port: the outbox
 * is a choice, not a failure; a gateway that cannot be reached is DOWN and named without
 * its credentials; a missing output folder is made as a run would make it.
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
        try (SmtpGateway gateway = new SmtpGateway(sender,
                new MailSettings.Retry(1, Duration.ofMillis(10), 1.0, Duration.ofMillis(10)))) {
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
                Duration.ofSeconds(5), Duration.ofSeconds(5),
                new MailSettings.Retry(1, Duration.ofMillis(10), 1.0, Duration.ofMillis(10)));
        Health down = new MemoReceiverHealthIndicator(gateway, true).health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("mode", "memo")
            .containsEntry("receiver", gateway.description())
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

    /**
     * A real listening socket that counts the connections made to it (and closes each at
     * once, so the probe fails): health asked three times within a minute connects once;
     * after the minute, once more. A monitoring agent polling every few seconds no longer
     * logs in to the gateway each time.
     */
    @Test
    void theGatewayIsProbedAtMostOnceAMinute() throws Exception {
        java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (java.net.Socket s = server.accept()) {
                        connections.incrementAndGet();
                    }
                    catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(server.getLocalPort());
            sender.getJavaMailProperties().setProperty("mail.smtp.connectiontimeout", "5000");
            sender.getJavaMailProperties().setProperty("mail.smtp.timeout", "5000");
            java.time.Instant[] now = { java.time.Instant.parse("2026-12-07T06:00:00Z") };
            java.time.Clock clock = new java.time.Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return java.time.ZoneOffset.UTC;
                }

                @Override
                public java.time.Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public java.time.Instant instant() {
                    return now[0];
                }
            };
            try (SmtpGateway gateway = new SmtpGateway(sender,
                    new MailSettings.Retry(1, Duration.ofMillis(10), 1.0, Duration.ofMillis(10)))) {
                MailGatewayHealthIndicator indicator = new MailGatewayHealthIndicator(gateway, dir, clock,
                        MailGatewayHealthIndicator.KEEP);
                Health first = indicator.health();
                assertThat(first.getStatus()).isEqualTo(Status.DOWN); // the socket closes
                                                                      // at once: no SMTP
                                                                      // greeting
                now[0] = now[0].plusSeconds(30);
                assertThat(indicator.health()).isSameAs(first);
                now[0] = now[0].plusSeconds(29);
                assertThat(indicator.health()).isSameAs(first);
                assertThat(connections.get()).as("one login attempt for three calls within a minute").isEqualTo(1);
                now[0] = now[0].plusSeconds(2);
                Health later = indicator.health();
                assertThat(later).isNotSameAs(first);
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                while (connections.get() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10); // the acceptor thread counts the second connection
                }
                assertThat(connections.get()).as("a minute later the gateway is asked again").isEqualTo(2);
            }
        }
    }

}
