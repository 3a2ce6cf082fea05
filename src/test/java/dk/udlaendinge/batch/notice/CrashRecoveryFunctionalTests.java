package dk.udlaendinge.batch.notice;

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
import dk.udlaendinge.batch.support.SmtpTestServer;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.Mailbox;
import dk.udlaendinge.batch.support.FaultyLink;
import dk.udlaendinge.batch.support.RunOutcome;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * The renewal job as a separate process, killed with SIGKILL in the middle of sending,
 * then restarted in another process (the test's own JVM): the stale execution is
 * recognised and recovered, every due notice reaches the real SMTP server, at most the
 * in-flight message of each partition twice (with the same Message-ID), and the journal
 * lists every notice exactly once. On the default database, HSQLDB files: the same crash
 * on a PostgreSQL job repository is
 * {@link dk.udlaendinge.batch.common.batch.CrossHostLivenessTests} (killed mid-send,
 * found stale, recovered, every notice once, status naming the superseded execution), and
 * {@code restart} of a killed process on PostgreSQL is
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
        // small: a slow gateway, not a big registry, makes sure the kill lands mid-send
        // (each due notice is a PDF rendered, the main cost of this test)
        List<Deposit> deposits = OpsFixtures.createRegistry(db, 150, 20141201);
        Set<String> due = OpsFixtures.dueDepositIds(deposits, RUN_DATE);
        Set<String> exempt = OpsFixtures.exemptAmong(deposits, due);
        int digital = due.size() - exempt.size();
        assertThat(digital).as("a registry big enough to kill the job mid-send").isGreaterThan(60);

        Map<String, String> props = OpsFixtures.props(db, data, out, SMTP_PORT);
        // a chunk smaller than the reader's page, as an operator may configure it
        props.put("app.renewal.chunk-size", "15");
        // a slow gateway (every read from the job waits 10 ms): some messages a
        // second, so the job is far from done when the test holds the link after the
        // first 20; held, the send stalls, and the kill certainly lands mid-send
        try (FaultyLink link = new FaultyLink(SMTP_PORT).throttle(Duration.ofMillis(10))) {
            Map<String, String> slow = new LinkedHashMap<>(props);
            slow.put("spring.mail.port", Integer.toString(link.port()));
            OpsFixtures.Child run = OpsFixtures.start(slow, tmp.resolve("logs"), "renewal", "renewal", "--run-date",
                    RUN_DATE.toString());
            try {
                OpsFixtures.awaitTrue("20 notices at the SMTP server", Duration.ofMinutes(6),
                        () -> greenMail.getReceivedMessages().length >= 20 || !run.process().isAlive());
                link.hold();
                assertThat(run.process().isAlive()).as("the job is still sending\n" + run.output()).isTrue();
                run.kill();
            }
            finally {
                link.cut(); // the held connections go, and with them what they held
                link.release();
            }
            int receivedAtKill = greenMail.getReceivedMessages().length;
            assertThat(receivedAtKill).as("killed before all notices went out").isLessThan(digital);
            assertThat(run.process().exitValue()).as("SIGKILL").isEqualTo(137);
        }

        // the killed process left its execution STARTED: status calls it stale
        OpsFixtures.Result status = OpsFixtures.cli(props, "status");
        assertThat(status.code()).as(status.toString()).isZero();
        assertThat(status.out()).contains("STALE").contains("process gone: ./run.sh restart 0");

        // in this JVM, another process than the killed one: a child JVM would only
        // add its start-up
        OpsFixtures.Result restarted = OpsFixtures.cli(props, "restart");
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
