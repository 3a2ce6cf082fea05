package dk.udlaendinge.batch.notice;

import static dk.udlaendinge.batch.support.OpsFixtures.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.SmtpTestServer;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.Mailbox;
import dk.udlaendinge.batch.support.RunOutcome;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * The renewal job as a separate process, killed with SIGKILL in the middle of sending,
 * then restarted in a new process: the stale execution is recognised and recovered, every
 * due notice reaches the real SMTP server, at most the in-flight message of each
 * partition twice (with the same Message-ID), and the journal lists every notice exactly
 * once. On the default database, HSQLDB files: the same crash on a PostgreSQL job
 * repository is {@link dk.udlaendinge.batch.common.batch.CrossHostLivenessTests} (killed
 * mid-send, found stale, recovered, every notice once, status naming the superseded
 * execution), and {@code restart} of a killed process on PostgreSQL is
 * {@link RemotePartitioningFunctionalTests}.
 */
@SlowTest
class CrashRecoveryFunctionalTests {

    static {
        OpsFixtures.init();
    }

    private static final int SMTP_PORT = OpsFixtures.freePort();

    @RegisterExtension
    static final GreenMailExtension greenMail = SmtpTestServer.perTest(SMTP_PORT);

    @TempDir
    Path tmp;

    @Test
    void killedMidSendThenRestartedSendsEveryNoticeOnceAndJournalsIt() {
        Path data = tmp.resolve("data");
        TestDatabase db = TestDatabase.hsqldb(data);
        Path out = tmp.resolve("out");
        List<Deposit> deposits = OpsFixtures.createRegistry(db, 1000, 20141201);
        Set<String> due = OpsFixtures.dueDepositIds(deposits, RUN_DATE);
        Set<String> exempt = OpsFixtures.exemptAmong(deposits, due);
        int digital = due.size() - exempt.size();
        assertThat(digital).as("a registry big enough to kill the job mid-send").isGreaterThan(300);

        Map<String, String> props = OpsFixtures.props(db, data, out, SMTP_PORT);
        // a chunk smaller than the reader's page, as an operator may configure it
        props.put("app.renewal.chunk-size", "50");
        OpsFixtures.Child run = OpsFixtures.start(props, tmp.resolve("logs"), "renewal", "renewal", "--run-date",
                RUN_DATE.toString());
        OpsFixtures.awaitTrue("100 notices at the SMTP server", Duration.ofMinutes(2),
                () -> greenMail.getReceivedMessages().length >= 100 || !run.process().isAlive());
        assertThat(run.process().isAlive()).as("the job is still sending\n" + run.output()).isTrue();
        run.kill();
        int receivedAtKill = greenMail.getReceivedMessages().length;
        assertThat(receivedAtKill).as("killed before all notices went out").isLessThan(digital);
        assertThat(run.process().exitValue()).as("SIGKILL").isEqualTo(137);

        // the killed process left its execution STARTED: status calls it stale
        OpsFixtures.Result status = OpsFixtures.cli(props, "status");
        assertThat(status.code()).as(status.toString()).isZero();
        assertThat(status.out()).contains("STALE").contains("process gone: ./run.sh restart 0");

        OpsFixtures.Child restart = OpsFixtures.start(props, tmp.resolve("logs"), "restart", "restart");
        OpsFixtures.Result restarted = restart.await(Duration.ofMinutes(3));
        assertThat(restarted.code()).as(restarted.toString()).isZero();
        assertThat(restarted.out()).contains("was left STARTED by a process that is gone; recovering it first")
            .contains("renewalNoticeJob execution 1: COMPLETED");

        RunOutcome outcome = RunOutcome.read(db, out, RUN_DATE);
        outcome.assertExactlyOnce(due, exempt, Mailbox.of(greenMail), 2);
        RunOutcome.assertOwnerOnly(out);

        OpsFixtures.Result after = OpsFixtures.cli(props, "status");
        assertThat(after.out()).contains("FAILED")
            .contains("COMPLETED")
            .doesNotContain("STALE")
            .contains("(superseded: execution 1 completed this run)")
            .doesNotContain("./run.sh restart");
    }

}
