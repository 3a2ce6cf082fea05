package dk.udlaendinge.batch.ops;

import static dk.udlaendinge.batch.support.OpsFixtures.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.SmtpTestServer;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.Mailbox;
import dk.udlaendinge.batch.support.FaultyLink;
import dk.udlaendinge.batch.support.RunOutcome;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * The operator commands against real processes: a second launch while the job runs is
 * refused naming the running process; {@code stop} (SIGTERM) ends the execution STOPPED
 * at a chunk boundary and {@code restart} continues it without sending anything twice;
 * the daemon skips a schedule that fires while the job still runs, and SIGTERM stops it
 * cleanly.
 */
@SlowTest
class OperationsCommandsTests {

    static {
        OpsFixtures.init();
    }

    private static final int SMTP_PORT = OpsFixtures.freePort();

    @RegisterExtension
    static final GreenMailExtension greenMail = SmtpTestServer.perTest(SMTP_PORT);

    @TempDir
    Path tmp;

    @Test
    void secondLaunchIsRefusedAndStopEndsTheRunStoppedThenRestartFinishesIt() throws Exception {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        // 100 deposits, 54 due: the link holds the send from the fifth message until the
        // stop has been asked, so at most the two partitions' chunks in hand (10 each)
        // are sent after it, however busy the machine; a big registry is not needed to
        // stop mid-send, and each letter it would render costs CPU
        List<Deposit> deposits = OpsFixtures.createRegistry(data, 100, 5);
        Set<String> due = OpsFixtures.dueDepositIds(deposits, RUN_DATE);
        Set<String> exempt = OpsFixtures.exemptAmong(deposits, due);

        try (FaultyLink link = new FaultyLink(SMTP_PORT).throttle(Duration.ofMillis(30))) {
            Map<String, String> props = OpsFixtures.props(data, out, link.port());
            // a held send waits for the server's answer as long as the test takes, not
            // the configured 30 s
            props.put("spring.mail.properties[mail.smtp.timeout]", "600000");
            props.put("spring.mail.properties[mail.smtp.writetimeout]", "600000");
            props.put("app.renewal.chunk-size", "10");
            OpsFixtures.Child first = OpsFixtures.start(props, tmp.resolve("logs"), "first", "renewal", "--run-date",
                    RUN_DATE.toString());
            try {
                OpsFixtures.awaitTrue("the first run sending", Duration.ofMinutes(3),
                        () -> !first.process().isAlive() || (OpsFixtures.runningExecution(data, first.pid()) != null
                                && greenMail.getReceivedMessages().length >= 5));
                // the send stalls here: the job is certainly still running until release
                link.hold();
                assertThat(first.process().isAlive()).as(first.output().toString()).isTrue();

                // cron fires again while the first still runs: a second process (this
                // JVM, through
                // Cli.run as run.sh calls it) is refused before it opens the database
                OpsFixtures.Result second = OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString());
                assertThat(second.code()).as(second.toString()).isEqualTo(ExitCodes.REFUSED);
                assertThat(second.err()).contains("refused: the database in " + data.toAbsolutePath())
                    .contains("Process " + first.pid() + " is running 'renewal' (execution 0 of renewalNoticeJob runs"
                            + " in it; ./run.sh stop 0 stops that execution)");
                assertThat(first.process().isAlive()).as("the first run is untouched").isTrue();

                // ./run.sh stop 0: SIGTERM to the process that runs execution 0; it waits
                // for the process to end, so it runs beside this thread, which releases
                // the link once the process has been asked to stop: the chunks in hand
                // then finish, and the job stops at their boundary
                java.util.concurrent.CompletableFuture<OpsFixtures.Result> stopping = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> OpsFixtures.cli(props, "stop", "0"));
                try {
                    OpsFixtures.awaitTrue("the SIGTERM handler asking the job to stop", Duration.ofMinutes(2),
                            () -> stopping.isDone() || first.output().err().contains("SIGTERM: stopping execution 0"));
                }
                finally {
                    link.release();
                }
                OpsFixtures.Result stop = stopping.get(3, java.util.concurrent.TimeUnit.MINUTES);
                assertThat(stop.code()).as(stop.toString()).isZero();
                assertThat(stop.out()).contains("Asking process " + first.pid() + " to stop execution 0 gracefully")
                    .contains("Stopped. Continue it with ./run.sh restart 0");
                OpsFixtures.Result stopped = first.await(Duration.ofMinutes(3));
                assertThat(stopped.code()).as(stopped.toString()).isEqualTo(ExitCodes.FAILED);
                assertThat(stopped.err()).contains("SIGTERM: stopping execution 0 of renewalNoticeJob");
                assertThat(stopped.out()).contains("renewalNoticeJob execution 0: STOPPED");
            }
            finally {
                first.kill();
            }
            int atStop = greenMail.getReceivedMessages().length;
            assertThat(atStop).as("stopped before all were sent").isLessThan(due.size() - exempt.size());

            OpsFixtures.Result status = OpsFixtures.cli(props, "status");
            assertThat(status.out()).contains("STOPPED").contains("<-- ./run.sh restart 0").doesNotContain("STALE");

            link.throttle(Duration.ZERO);
            OpsFixtures.Result restarted = OpsFixtures.cli(props, "restart");
            assertThat(restarted.code()).as(restarted.toString()).isZero();
            assertThat(restarted.out()).contains("Restarting execution 0").contains("execution 1: COMPLETED");
        }
        // a graceful stop leaves nothing in flight: no message twice
        RunOutcome.read(data, out, RUN_DATE).assertExactlyOnce(due, exempt, Mailbox.of(greenMail), 0);
    }

    @Test
    void daemonSkipsAScheduleThatFiresWhileTheJobRunsAndSigtermStopsItCleanly() {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        // the schedule runs for today, whatever day the test runs: securities due today
        // (100: the held link lets at most the two partitions' chunks in hand through
        // after SIGTERM, so most stay unsent and the run ends STOPPED)
        dueToday(data, 100, 9);
        // The link holds the first message until SIGTERM has been sent, so the job is
        // certainly
        // still running when the schedule fires again and when SIGTERM arrives, however
        // busy the
        // machine: no guessed duration decides the outcome.
        try (FaultyLink link = new FaultyLink(SMTP_PORT).hold()) {
            Map<String, String> props = OpsFixtures.props(data, out, link.port());
            props.put("spring.mail.properties[mail.smtp.timeout]", "600000");
            props.put("app.renewal.chunk-size", "10");
            props.put("app.schedule.renewal-cron", "* * * * * *");
            props.put("server.port", "0"); // the daemon's console: any free port, never a
                                           // fixed one in a test
            OpsFixtures.Child daemon = OpsFixtures.start(props, tmp.resolve("logs"), "daemon", "daemon");
            try {
                try {
                    OpsFixtures.awaitTrue("a schedule firing while the job runs", Duration.ofMinutes(3),
                            () -> !daemon.process().isAlive() || daemon.output().out().contains("skipped this time"));
                }
                catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n" + daemon.output(), e);
                }
                assertThat(daemon.process().isAlive()).as(daemon.output().toString()).isTrue();
                assertThat(daemon.output().out())
                    .contains("Renewal schedule fired while renewalNoticeJob still runs; skipped this time");
                // no console user configured: the schedule runs, and one line says the
                // console is off
                assertThat(daemon.output().out())
                    .contains("Console: off until a user is configured in app.console.users");
                OpsFixtures.awaitTrue("the scheduled run's execution", Duration.ofMinutes(3),
                        () -> OpsFixtures.runningExecution(data, daemon.pid()) != null);
                daemon.process().destroy(); // SIGTERM, as from an operator or systemd
                try {
                    OpsFixtures.awaitTrue("the SIGTERM handler asking the job to stop", Duration.ofMinutes(2),
                            () -> daemon.output().err().contains("SIGTERM: stopping execution 0"));
                }
                catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n" + daemon.output(), e);
                }
                link.release(); // the chunk in hand finishes, then the job stops at its
                                // boundary
                OpsFixtures.Result ended = daemon.await(Duration.ofMinutes(3));
                assertThat(ended.err()).contains("SIGTERM: stopping execution 0 of renewalNoticeJob");
            }
            finally {
                daemon.kill();
            }
        }
        Map<String, String> props = OpsFixtures.props(data, out, null);
        OpsFixtures.Result status = OpsFixtures.cli(props, "status");
        assertThat(status.out()).as(status.toString())
            .contains("STOPPED")
            .contains("<-- ./run.sh restart 0")
            .doesNotContain("STALE")
            .doesNotContain("FAILED");
    }

    /**
     * Generated deposits moved so that each is due on today's date: five-year securities
     * (rule set C: applied before 16 November 2017) whose permit is five years ago,
     * within the lead days, and so still to be extended until ten years from it
     * (docs/RENEWAL-RULES.md). The demo's own deposits are from 2008–2014, and today's
     * law notices none of them any more.
     */
    private static void dueToday(Path data, int count, long seed) {
        LocalDate today = LocalDate.now();
        List<Deposit> generated = DemoRegistry.generate(count, seed);
        List<Deposit> due = new java.util.ArrayList<>();
        for (int i = 0; i < generated.size(); i++) {
            Deposit d = generated.get(i);
            LocalDate start = today.minusYears(5).plusDays(i % 60);
            due.add(new Deposit(d.depositId(), d.caseNumber(), d.referenceCpr(), d.referenceName(), d.addressLine(),
                    d.postalCode(), d.city(), d.digitalPostExempt(), d.digitalPostAddress(), d.spouseName(),
                    d.municipalityCode(), d.legalBasis(), d.securityForm(), d.amountDkk(), start, start, null,
                    d.danishTest(), LocalDate.of(2017, 11, 1), null, null, null));
        }
        TestDatabase db = TestDatabase.hsqldb(data);
        db.migrate();
        db.with(jdbc -> {
            DemoRegistry.insert(jdbc, due);
            return null;
        });
    }

}
