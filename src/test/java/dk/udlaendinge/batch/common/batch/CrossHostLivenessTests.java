package dk.udlaendinge.batch.common.batch;

import static dk.udlaendinge.batch.support.OpsFixtures.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.FaultyLink;
import dk.udlaendinge.batch.support.SmtpTestServer;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.Mailbox;
import dk.udlaendinge.batch.support.RunOutcome;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * Two hosts sharing a PostgreSQL job repository. A renewal run is killed with SIGKILL
 * mid-send (the link to the gateway is held at that moment, so the kill lands mid-send
 * with a registry of a few hundred); a process that says it runs on another host
 * (app.liveness.host) cannot check the pid, so it must treat the execution as live while
 * its heartbeat is fresh (a second launch is refused, exit 3) and as stale only once the
 * heartbeat is older than app.liveness.stale-after; then the same command recovers it,
 * every notice goes out exactly once, and {@code status} names the killed execution as
 * superseded by the one that completed the run.
 */
@SlowTest
class CrossHostLivenessTests {

    static {
        OpsFixtures.init();
    }

    private static final int SMTP_PORT = OpsFixtures.freePort();

    /**
     * The test waits this long for the killed run to turn stale (polling status, each
     * call a Spring context); host B's refusal, one in-process command (about a second, a
     * few under load), must come before it.
     */
    private static final Duration STALE_AFTER = Duration.ofSeconds(15);

    @RegisterExtension
    static final GreenMailExtension greenMail = SmtpTestServer.perTest(SMTP_PORT);

    @TempDir
    Path tmp;

    @Test
    void killedRunIsStaleFromAnotherHostOnlyAfterTheHeartbeatTimeoutThenRecovered() {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("out");
        TestDatabase db = TestDatabase.postgres();
        List<Deposit> deposits = OpsFixtures.createRegistry(db, 300, 20141201);
        Set<String> due = OpsFixtures.dueDepositIds(deposits, RUN_DATE);
        Set<String> exempt = OpsFixtures.exemptAmong(deposits, due);

        FaultyLink link = new FaultyLink(SMTP_PORT);
        Map<String, String> hostA = OpsFixtures.props(db, data, out, link.port());
        hostA.put("app.renewal.chunk-size", "20");
        hostA.put("app.liveness.heartbeat-interval", "500ms");
        hostA.put("app.liveness.stale-after", STALE_AFTER.toMillis() + "ms");
        hostA.put("app.liveness.host", "host-a");

        OpsFixtures.Child run = OpsFixtures.start(hostA, tmp.resolve("logs"), "renewal-host-a", "renewal", "--run-date",
                RUN_DATE.toString());
        try (link) {
            OpsFixtures.awaitTrue("40 notices at the SMTP server", Duration.ofMinutes(2),
                    () -> greenMail.getReceivedMessages().length >= 40 || !run.process().isAlive());
            link.hold(); // the send stalls: the kill below strikes mid-send
            assertThat(run.process().isAlive()).as("the job is still sending\n" + run.output()).isTrue();
            assertThat(greenMail.getReceivedMessages().length).as("killed in the middle of sending")
                .isLessThan(due.size() - exempt.size());
            run.kill();
            link.release();
        }
        long killedAt = System.nanoTime();
        Map<String, String> hostB = new LinkedHashMap<>(hostA);
        hostB.put("app.liveness.host", "host-b");
        hostB.put("spring.mail.port", Integer.toString(SMTP_PORT));

        // host B, at once: the heartbeat is fresh, so the run is taken for live and not
        // started twice
        OpsFixtures.Result refused = OpsFixtures.cli(hostB, "renewal", "--run-date", RUN_DATE.toString());
        Duration sinceKill = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(sinceKill).as("host B asked before the timeout (else this proves nothing)").isLessThan(STALE_AFTER);
        assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.out()).contains("is already running (execution 0)");
        OpsFixtures.Result live = OpsFixtures.cli(hostB, "status");
        // status decides before it returns; on a machine so busy that it returned after
        // the
        // timeout, its answer may rightly be STALE, and the refusal above has made the
        // point
        if (Duration.ofNanos(System.nanoTime() - killedAt).compareTo(STALE_AFTER.minusMillis(500)) < 0) {
            assertThat(live.out()).as(live.toString()).doesNotContain("STALE").contains("STARTED");
        }

        // host B sees it stale only once the last heartbeat is older than stale-after
        // each status call starts a Spring context: a pause between calls spares a core
        // for
        // whatever else runs, and the samples before the timeout still show it live
        OpsFixtures.awaitTrue("host B's status to call execution 0 stale", Duration.ofMinutes(1),
                () -> OpsFixtures.cli(hostB, "status").out().contains("STALE") || pause(Duration.ofMillis(500)));
        Duration staleSeen = Duration.ofNanos(System.nanoTime() - killedAt);
        // the last beat came at most one interval (500 ms) before the kill
        assertThat(staleSeen).as("stale no sooner than the timeout after the last heartbeat")
            .isGreaterThanOrEqualTo(STALE_AFTER.minusMillis(500));

        OpsFixtures.Result recovered = OpsFixtures.cli(hostB, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(recovered.code()).as(recovered.toString()).isZero();
        RunOutcome.read(db, out, RUN_DATE).assertExactlyOnce(due, exempt, Mailbox.of(greenMail), 2);
        assertThat(OpsFixtures.cli(hostB, "status").out()).contains("FAILED")
            .contains("COMPLETED")
            .doesNotContain("STALE")
            .contains("(superseded: execution 1 completed this run)");
    }

    /** Waits {@code d} and answers false, for a poll that should not spin. */
    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

}
