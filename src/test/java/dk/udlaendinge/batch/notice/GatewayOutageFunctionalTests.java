package dk.udlaendinge.batch.notice;

import static dk.udlaendinge.batch.support.OpsFixtures.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.SmtpTestServer;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.Mailbox;
import dk.udlaendinge.batch.support.FaultyLink;
import dk.udlaendinge.batch.support.RunOutcome;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * The mail gateway goes down in the middle of sending (a real SMTP server behind a link
 * the test cuts): the job ends FAILED naming the gateway, never a person; a restart while
 * it is still down fails again and sends nothing; a short blip during the next restart is
 * absorbed by the retries with back-off; in the end nothing is lost and nothing doubled.
 */
@SlowTest
class GatewayOutageFunctionalTests {

    static {
        OpsFixtures.init();
    }

    private static final int SMTP_PORT = OpsFixtures.freePort();

    @RegisterExtension
    static final GreenMailExtension greenMail = SmtpTestServer.perTest(SMTP_PORT);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void gatewayDownFailsTheJobNamingTheGatewayAndARestartOnceItIsBackSendsTheRest(TestDatabase.Kind kind)
            throws Exception {
        Path data = tmp.resolve("data");
        TestDatabase db = kind.create(data);
        Path out = tmp.resolve("out");
        // about 100 digital notices: a slow gateway, not a big registry, keeps the job
        // sending while the test cuts the link (each due notice is a PDF rendered)
        List<Deposit> deposits = OpsFixtures.createRegistry(db, 200, 11);
        Set<String> due = OpsFixtures.dueDepositIds(deposits, RUN_DATE);
        Set<String> exempt = OpsFixtures.exemptAmong(deposits, due);
        int digital = due.size() - exempt.size();
        Set<String> mailboxes = deposits.stream()
            .map(Deposit::digitalPostAddress)
            .filter(a -> a != null)
            .collect(Collectors.toSet());

        // GreenMail, the test's SMTP server, lets an exception escape its connection
        // thread when
        // the link is cut mid-message, and the default handler prints the partial message
        // it
        // received (recipient included) to stderr. That is the fake server's output, not
        // ours:
        // report only its class, so the leak check below still covers everything the
        // application writes.
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> System.err
            .println("test SMTP server thread " + thread.getName() + " ended: " + e.getClass().getSimpleName()));
        // every read from the job waits 10 ms: some messages a second, so each cut below
        // certainly comes while notices are still to send, however late the test sees
        // the count. The waits below are bounds, not pauses: beside three other test
        // runs (load 40 on two cores) 2 and 3 minutes timed out.
        try (FaultyLink link = new FaultyLink(SMTP_PORT).throttle(Duration.ofMillis(10))) {
            Map<String, String> props = OpsFixtures.props(db, data, out, link.port());
            props.put("app.renewal.chunk-size", "20");
            String gateway = "SMTP gateway localhost:" + link.port();

            CompletableFuture<OpsFixtures.Result> first = CompletableFuture
                .supplyAsync(() -> OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString()));
            OpsFixtures.awaitTrue("30 notices through the gateway", Duration.ofMinutes(6),
                    () -> greenMail.getReceivedMessages().length >= 30 || first.isDone());
            link.cut();
            OpsFixtures.Result failed = first.get(2, TimeUnit.MINUTES);
            assertThat(failed.code()).as(failed.toString()).isEqualTo(ExitCodes.FAILED);
            assertThat(failed.out()).contains("renewalNoticeJob execution 0: FAILED")
                .contains("reason: " + gateway + " did not accept message notice-")
                .contains("after 2 attempt(s)")
                .contains("continue it with: ./run.sh restart 0");
            assertThat(mailboxes).as("recipient addresses in the failure output")
                .noneMatch(a -> failed.all().contains(a));
            int atOutage = greenMail.getReceivedMessages().length;
            assertThat(atOutage).as("the outage came before everything was sent").isLessThan(digital);

            OpsFixtures.Result status = OpsFixtures.cli(props, "status");
            assertThat(status.out()).contains("FAILED").contains("<-- ./run.sh restart 0").contains(gateway);

            // still down: the restart fails after its retries and sends nothing
            OpsFixtures.Result stillDown = OpsFixtures.cli(props, "restart");
            assertThat(stillDown.code()).as(stillDown.toString()).isEqualTo(ExitCodes.FAILED);
            assertThat(stillDown.out()).contains("renewalNoticeJob execution 1: FAILED").contains(gateway);
            assertThat(greenMail.getReceivedMessages()).hasSize(atOutage);

            // back up; a short blip while restarting is absorbed by the back-off
            link.restore();
            Map<String, String> patient = new java.util.LinkedHashMap<>(props);
            patient.put("app.mail.retry.max-attempts", "6");
            patient.put("app.mail.retry.initial-backoff", "200ms");
            CompletableFuture<OpsFixtures.Result> restart = CompletableFuture
                .supplyAsync(() -> OpsFixtures.cli(patient, "restart"));
            OpsFixtures.awaitTrue("20 more notices after the gateway came back", Duration.ofMinutes(6),
                    () -> greenMail.getReceivedMessages().length >= atOutage + 20 || restart.isDone());
            link.cut();
            Thread.sleep(300); // the length of the blip, well inside the back-off
                               // (200+400+800+1600+3200 ms)
            link.restore();
            // the blip is over: the rest may go at full speed
            link.throttle(Duration.ZERO);
            OpsFixtures.Result restarted = restart.get(6, TimeUnit.MINUTES);
            assertThat(restarted.code()).as(restarted.toString()).isZero();
            assertThat(restarted.out()).contains("renewalNoticeJob execution 2: COMPLETED")
                .contains(gateway + " did not take message notice-")
                .contains("retrying with back-off");
            // both failed executions belong to the run the last one completed: no restart
            // hint left
            OpsFixtures.Result after = OpsFixtures.cli(props, "status");
            assertThat(after.out()).as(after.toString())
                .doesNotContain("./run.sh restart")
                .containsPattern("(?m)^0 .*FAILED.*\\(superseded: execution 2 completed this run\\)$")
                .containsPattern("(?m)^1 .*FAILED.*\\(superseded: execution 2 completed this run\\)$");
        }
        finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        // two interruptions mid-message, two partitions: at most four messages in flight
        RunOutcome.read(db, out, RUN_DATE).assertExactlyOnce(due, exempt, Mailbox.of(greenMail), 4);
        RunOutcome.assertOwnerOnly(out);
    }

}
