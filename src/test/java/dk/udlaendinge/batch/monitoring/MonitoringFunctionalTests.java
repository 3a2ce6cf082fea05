package dk.udlaendinge.batch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.jayway.jsonpath.JsonPath;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dk.udlaendinge.batch.common.Meters;
import dk.udlaendinge.batch.delivery.GatewayUnavailableException;
import dk.udlaendinge.batch.delivery.MailGateway;
import dk.udlaendinge.batch.delivery.MessageComposer;
import dk.udlaendinge.batch.delivery.OutgoingMessage;
import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.deposit.RenewalRule;
import dk.udlaendinge.batch.deposit.SecurityRules;
import dk.udlaendinge.batch.common.batch.history.JobHistory;
import dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration;
import dk.udlaendinge.batch.ops.Commands;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * The actuator endpoints as the agency's monitoring sees them: a real web server on a
 * random port of 127.0.0.1 (the daemon's web application type, forced here), a real
 * HSQLDB in files, GreenMail as the SMTP gateway on a free port, the real renewal job;
 * then plain HTTP GETs of /actuator/prometheus and /actuator/health. The client connects
 * to the loopback address, where health and metrics need no login.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=servlet", "server.address=127.0.0.1",
                "spring.mail.host=127.0.0.1", "app.renewal.partitions=2", "app.mail.retry.max-attempts=2",
                "app.mail.retry.initial-backoff=50ms", "management.health.diskspace.threshold=1MB",
                // the gateway's answer is kept a minute in production; here the flip to
                // DOWN and back is what is tested
                "app.health.mail-gateway-keep=1s", TestDatabase.HSQLDB_URL_PROPERTY,
                TestDatabase.HSQLDB_USERNAME_PROPERTY, TestDatabase.HSQLDB_PASSWORD_PROPERTY })
@SlowTest
class MonitoringFunctionalTests {

    private static final LocalDate RUN_DATE = LocalDate.of(2020, 6, 1);

    private static final String JOB = RenewalNoticeJobConfiguration.JOB;

    @TempDir
    static Path dir;

    static int smtpPort;
    static GreenMail greenMail;

    @BeforeAll
    static void startGateway() {
        // GreenMail at DEBUG writes one byte at a time; logback's default before Spring
        // configures it is DEBUG
        if (LoggerFactory.getLogger("com.icegreen") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        smtpPort = freePort();
        greenMail = startGreenMail();
    }

    @AfterAll
    static void stopGateway() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) {
        registry.add("app.data-dir", () -> dir.resolve("data").toString());
        registry.add("app.output-dir", () -> dir.resolve("out").toString());
        registry.add("spring.mail.port", () -> smtpPort);
    }

    @LocalServerPort
    int port;

    @Autowired
    Commands commands;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobHistory history;

    @Autowired
    JobRepository repository;

    @Autowired
    MailGateway gateway;

    @Autowired
    MessageComposer composer;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void metricsCountWhatTheRenewalRunRecorded() {
        List<Deposit> deposits = DemoRegistry.generate(40, 20261127L);
        DemoRegistry.insert(jdbc, deposits);
        RenewalRule rule = new RenewalRule(SecurityRules.THROUGH_TIME, 90);
        List<Deposit> due = deposits.stream()
            .filter(d -> rule.isDue(d.postedDate(), d.permitGrantedDate(), d.permanentResidenceDate(), false, RUN_DATE))
            .filter(d -> !d.digitalPostExempt())
            .toList();
        assertThat(due).hasSizeGreaterThan(5);
        // one person exempt from Digital Post (paper, EXEMPT) and one address that is
        // two: a skip
        jdbc.update("UPDATE deposit SET digital_post_exempt = TRUE, digital_post_address = NULL WHERE deposit_id = ?",
                due.get(0).depositId());
        jdbc.update("UPDATE deposit SET digital_post_address = 'a@example.dk, b@example.dk' WHERE deposit_id = ?",
                due.get(1).depositId());

        PrometheusText before = scrape();
        assertThat(before.value("udlaendinge_job_last_success_timestamp_seconds", "job", JOB)).isZero();
        int mailsBefore = greenMail.getReceivedMessages().length;

        assertThat(commands.execute(new String[] { "renewal", "--run-date", RUN_DATE.toString() }))
            .isEqualTo(ExitCodes.COMPLETED);
        PrometheusText after = scrape();

        long digital = count("SELECT COUNT(*) FROM renewal_notice WHERE status = 'SENT' AND channel = 'DIGITAL'");
        long exempt = count("SELECT COUNT(*) FROM renewal_notice WHERE status = 'SENT' AND channel = 'PAPER'"
                + " AND reason = 'EXEMPT'");
        long size = count("SELECT COUNT(*) FROM renewal_notice WHERE status = 'SENT' AND channel = 'PAPER'"
                + " AND reason = 'SIZE'");
        long skipped = count("SELECT COUNT(*) FROM renewal_notice WHERE status = 'SKIPPED'");
        assertThat(digital).isGreaterThan(3);
        assertThat(exempt).isEqualTo(1);
        assertThat(skipped).isEqualTo(1);
        String notices = "udlaendinge_notices_sent_total";
        assertThat(increase(before, after, notices, "channel", "DIGITAL", "reason", "NONE")).isEqualTo(digital);
        assertThat(increase(before, after, notices, "channel", "PAPER", "reason", "EXEMPT")).isEqualTo(exempt);
        assertThat(increase(before, after, notices, "channel", "PAPER", "reason", "SIZE")).isEqualTo(size);
        // every message GreenMail took: the digital notices and the municipalities' lists
        int mails = greenMail.getReceivedMessages().length - mailsBefore;
        assertThat(mails).isGreaterThan((int) digital);
        assertThat(increase(before, after, "udlaendinge_mail_sent_total", "gateway", "smtp")).isEqualTo(mails);
        assertThat(increase(before, after, "udlaendinge_mail_retries_total", "gateway", "smtp")).isZero();
        assertThat(increase(before, after, "udlaendinge_batch_skips_total", "job", JOB, "step",
                RenewalNoticeJobConfiguration.SEND))
            .isEqualTo(skipped);

        // the last success is the run's end as the job repository holds it...
        JobExecution run = repository.getLastJobExecution(repository.getLastJobInstance(JOB));
        double end = epochSeconds(run.getEndTime().atZone(ZoneId.systemDefault()).toInstant());
        assertThat(after.value("udlaendinge_job_last_success_timestamp_seconds", "job", JOB)).isCloseTo(end,
                within(0.002));
        // ...and a fresh registry (a restarted daemon) reads the same from the database
        SimpleMeterRegistry restarted = new SimpleMeterRegistry();
        new LastSuccessfulRun(history, List.of(JOB)).bindTo(restarted);
        assertThat(restarted.get(LastSuccessfulRun.NAME).tag("job", JOB).gauge().value()).isCloseTo(end, within(0.002));

        // Spring Batch's own timers (Boot instruments jobs and steps once the actuator
        // brings an observation registry)
        assertThat(increase(before, after, "spring_batch_job_seconds_count", "spring_batch_job_name", JOB,
                "spring_batch_job_status", "COMPLETED"))
            .isEqualTo(1);
        assertThat(after.value("spring_batch_job_seconds_sum", "spring_batch_job_name", JOB, "spring_batch_job_status",
                "COMPLETED"))
            .isPositive();
        for (String step : List.of(RenewalNoticeJobConfiguration.SEND, RenewalNoticeJobConfiguration.LISTS,
                RenewalNoticeJobConfiguration.PRINT, RenewalNoticeJobConfiguration.JOURNAL)) {
            assertThat(increase(before, after, "spring_batch_step_seconds_count", "spring_batch_step_job_name", JOB,
                    "spring_batch_step_name", step, "spring_batch_step_status", "COMPLETED"))
                .as(step)
                .isEqualTo(1);
        }

        // no meter names a person or a deposit
        for (Deposit d : deposits) {
            assertThat(after.body()).doesNotContain(d.depositId(), d.referenceName(), d.referenceCpr(), d.caseNumber());
        }
    }

    @Test
    void healthIsUpAndTheMailComponentFollowsTheGateway() throws Exception {
        HttpResponse<String> up = get("/actuator/health");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(status(up, "$")).isEqualTo("UP");
        for (String component : List.of("db", "mailGateway", "outputFolder", "diskSpace")) {
            assertThat(status(up, "$.components." + component)).as(component).isEqualTo("UP");
        }
        assertThat((String) JsonPath.read(up.body(), "$.components.mailGateway.details.mode")).isEqualTo("smtp");
        assertThat((String) JsonPath.read(up.body(), "$.components.mailGateway.details.gateway"))
            .isEqualTo("SMTP gateway 127.0.0.1:" + smtpPort);
        assertThat((String) JsonPath.read(up.body(), "$.components.diskSpace.details.path"))
            .startsWith(dir.toAbsolutePath().toString());

        PrometheusText before = scrape();
        greenMail.stop();
        try {
            HttpResponse<String> down = awaitHealth(r -> r.statusCode() == 503);
            assertThat(status(down, "$")).isEqualTo("DOWN");
            assertThat(status(down, "$.components.mailGateway")).isEqualTo("DOWN");
            assertThat((String) JsonPath.read(down.body(), "$.components.mailGateway.details.error")).isNotBlank();
            assertThat(status(down, "$.components.db")).isEqualTo("UP");
            assertThat(status(down, "$.components.outputFolder")).isEqualTo("UP");

            // a message sent now is retried once (2 attempts), then given up
            var message = composer.compose(
                    new OutgoingMessage("health-probe-1", "someone@example.dk", "test", "test", List.of()),
                    Instant.now());
            assertThatThrownBy(() -> gateway.send(message, "health-probe-1", dir.resolve("out/outbox")))
                .isInstanceOf(GatewayUnavailableException.class);
            PrometheusText after = scrape();
            assertThat(increase(before, after, "udlaendinge_mail_retries_total", "gateway", "smtp")).isEqualTo(1);
            assertThat(increase(before, after, "udlaendinge_mail_failed_total", "gateway", "smtp")).isEqualTo(1);
        }
        finally {
            greenMail = startGreenMail();
        }
        awaitHealth(r -> r.statusCode() == 200);
    }

    @Test
    void anOutputFolderThatCannotBeWrittenIsDown() throws Exception {
        Path out = dir.resolve("out");
        Path away = dir.resolve("out-away");
        awaitHealth(r -> r.statusCode() == 200); // the check creates the folder as a run
                                                 // would
        assertThat(out).isDirectory();
        // a plain file where the folder was: nothing can be written into it (root
        // included)
        Files.move(out, away);
        Files.writeString(out, "not a folder");
        try {
            HttpResponse<String> down = awaitHealth(r -> r.statusCode() == 503);
            assertThat(status(down, "$.components.outputFolder")).isEqualTo("DOWN");
            assertThat((String) JsonPath.read(down.body(), "$.components.outputFolder.details.path"))
                .isEqualTo(out.toAbsolutePath().normalize().toString());
            assertThat(status(down, "$.components.mailGateway")).isEqualTo("UP");
        }
        finally {
            Files.delete(out);
            Files.move(away, out);
        }
        assertThat(status(awaitHealth(r -> r.statusCode() == 200), "$.components.outputFolder")).isEqualTo("UP");
    }

    // --- helpers
    // -------------------------------------------------------------------------------

    private PrometheusText scrape() {
        HttpResponse<String> r = get("/actuator/prometheus");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new PrometheusText(r.body());
    }

    private HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .GET()
            .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Polls /actuator/health until {@code condition} holds (a port closing or opening
     * takes its moment).
     */
    private HttpResponse<String> awaitHealth(Predicate<HttpResponse<String>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> r = get("/actuator/health");
            if (condition.test(r)) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("health did not reach the expected state in 60 s; last answer "
                        + r.statusCode() + ": " + r.body());
            }
            Thread.sleep(50);
        }
    }

    private static String status(HttpResponse<String> r, String path) {
        return JsonPath.read(r.body(), path + ".status");
    }

    private static double increase(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.value(name, labels) - (before.has(name, labels) ? before.value(name, labels) : 0);
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private static double epochSeconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    private static GreenMail startGreenMail() {
        GreenMail g = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        g.start();
        return g;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
