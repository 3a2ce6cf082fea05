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
import com.icegreen.greenmail.util.ServerSetup;

import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.FaultyLink;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.Mailbox;
import dk.udlaendinge.batch.support.RunOutcome;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * The renewal job on three machines' worth of processes on loopback: a real PostgreSQL, a
 * manager with its embedded Artemis broker, two worker JVMs ({@code ./run.sh worker}) and
 * GreenMail as the gateway behind a {@link FaultyLink}, with a few hundred due notices.
 * The link is held (every send stalls) at the moment of each kill, so each fault strikes
 * mid-send however fast the machine is, without the thousands of letters (each a PDF to
 * render) that once made that likely. One run, three faults, in order:
 * <ol>
 * <li>the manager is killed with SIGKILL in the middle of sending (its broker goes with
 * it): the workers carry on with the partitions in hand and say once that the broker went
 * away;</li>
 * <li>{@code restart} from a new manager waits for those partitions, recovers the run,
 * starts the broker again (the workers say once that it is back) and sends the rest; then
 * one worker is killed with SIGKILL mid-partition: the manager fails the step after its
 * timeout, naming the partition and that worker;</li>
 * <li>{@code restart} completes the run on the remaining worker.</li>
 * </ol>
 * Then every due notice was sent or put on paper exactly once, the journal lists each
 * once, at most one message per killed worker thread went twice (same Message-ID), both
 * workers ran partitions, and {@code status} names them. The surviving worker stops on
 * SIGTERM with exit 0.
 */
@SlowTest
class RemotePartitioningFunctionalTests {

    static {
        OpsFixtures.init();
    }

    private static final int SMTP_PORT = OpsFixtures.freePort();

    private static final int REGISTRY = 480;

    private static final int MIN_DUE = 200;

    /** Each read of a worker's SMTP traffic waits this long while worker a is to die. */
    private static final Duration THROTTLE = Duration.ofMillis(5);

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "localhost", ServerSetup.PROTOCOL_SMTP));

    @TempDir
    Path tmp;

    @Test
    void partitionsOnTwoWorkersSurviveAKilledManagerAndAKilledWorker() {
        TestDatabase db = TestDatabase.postgres();
        Path out = tmp.resolve("out"); // the one output folder every node reaches
        Path logs = tmp.resolve("logs");
        // a few hundred notices: six partitions of several chunks each, so a worker is
        // mid-partition after its first chunk; the link's hold, not the number of
        // letters, makes each kill land mid-send
        List<Deposit> deposits = OpsFixtures.createRegistry(db, REGISTRY, 20141201);
        Set<String> due = OpsFixtures.dueDepositIds(deposits, RUN_DATE);
        Set<String> exempt = OpsFixtures.exemptAmong(deposits, due);
        int digital = due.size() - exempt.size();
        assertThat(due.size()).as("due notices").isGreaterThanOrEqualTo(MIN_DUE);

        int brokerPort = OpsFixtures.freePort();
        try (FaultyLink link = new FaultyLink(SMTP_PORT)) {
            Map<String, String> manager = props(db, tmp.resolve("data-manager"), out, link, brokerPort);
            manager.put("app.renewal.embedded-broker", "true");
            OpsFixtures.Child workerA = OpsFixtures.start(worker(db, "a", out, link, brokerPort), logs, "worker-a",
                    "worker");
            OpsFixtures.Child workerB = OpsFixtures.start(worker(db, "b", out, link, brokerPort), logs, "worker-b",
                    "worker");
            try {
                run(db, tmp, logs, link, manager, workerA, workerB, due, exempt, digital);
            }
            finally {
                link.release();
                workerA.kill();
                workerB.kill();
            }
        }
    }

    private static void run(TestDatabase db, Path tmp, Path logs, FaultyLink link, Map<String, String> manager,
            OpsFixtures.Child workerA, OpsFixtures.Child workerB, Set<String> due, Set<String> exempt, int digital) {
        Path out = Path.of(manager.get("app.output-dir"));
        // 1. the manager dies mid-send, and its broker with it
        OpsFixtures.Child first = OpsFixtures.start(manager, logs, "manager-1", "renewal", "--run-date",
                RUN_DATE.toString());
        OpsFixtures.awaitTrue("the first notices at the SMTP server", Duration.ofMinutes(3),
                () -> greenMail.getReceivedMessages().length >= 5 || !first.process().isAlive());
        link.hold(); // the sends stall: the kill below strikes mid-send
        assertThat(first.process().isAlive())
            .as("the manager is still waiting for its partitions\n" + first.output() + workerA.output()
                    + workerB.output())
            .isTrue();
        assertThat(greenMail.getReceivedMessages().length).as("the manager dies in the middle of sending")
            .isLessThan(digital);
        first.kill();
        link.release();
        for (OpsFixtures.Child w : List.of(workerA, workerB)) {
            OpsFixtures.awaitTrue("the worker notices the broker went away", Duration.ofMinutes(1),
                    () -> w.output().out().contains("went away") || !w.process().isAlive());
            assertThat(w.process().isAlive()).as("a lost broker does not end a worker\n" + w.output()).isTrue();
        }

        // 2. a new manager restarts the run; a worker dies mid-partition. The link is
        // slowed meanwhile (a chunk then takes a second or two, far within the partition
        // timeout) so the partition cannot end between the check and the hold.
        link.throttle(THROTTLE);
        OpsFixtures.Child second = OpsFixtures.start(manager, logs, "manager-2", "restart");
        Path logA = tmp.resolve("data-a").resolve("logs").resolve("udlaendinge-batch.log");
        OpsFixtures.awaitTrue("worker a is back and runs a partition of the restarted send step", Duration.ofMinutes(3),
                () -> workerA.output().out().contains("is back;") && runsRestartedSendPartition(db, logA)
                        || !second.process().isAlive());
        link.hold();
        assertThat(second.process().isAlive()).as(second.output().toString()).isTrue();
        assertThat(runsRestartedSendPartition(db, logA))
            .as("worker a is still in the middle of its partition when killed\n" + workerA.output())
            .isTrue();
        workerA.kill();
        link.throttle(Duration.ZERO);
        link.release();
        OpsFixtures.Result failed = second.await(Duration.ofMinutes(3));
        assertThat(failed.code()).as(failed.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(failed.out()).as(failed.toString())
            .contains("made no progress for 15 s on its last worker, worker-a on host")
            .contains("./run.sh restart runs");

        // 3. restart completes on the remaining worker
        OpsFixtures.Child third = OpsFixtures.start(manager, logs, "manager-3", "restart");
        OpsFixtures.Result completed = third.await(Duration.ofMinutes(3));
        assertThat(completed.code()).as(completed + "\n" + workerB.output()).isZero();
        assertThat(workerB.output().out()).contains("went away").contains("is back;");

        RunOutcome.read(db, out, RUN_DATE).assertExactlyOnce(due, exempt, Mailbox.of(greenMail), 1);
        OpsFixtures.Result status = OpsFixtures.cli(manager, "status");
        assertThat(status.out()).as(status.toString())
            .contains("by worker-a on host")
            .contains("by worker-b on host")
            .contains("COMPLETED");

        workerB.process().destroy(); // SIGTERM
        OpsFixtures.Result stopped = workerB.await(Duration.ofMinutes(1));
        assertThat(stopped.code()).as(stopped.toString()).isZero();
        assertThat(stopped.out()).contains("SIGTERM: no new partitions");
    }

    private static Map<String, String> props(TestDatabase db, Path data, Path out, FaultyLink link, int brokerPort) {
        return OpsFixtures.remoteProps(db, data, out, link.port(), brokerPort, 10);
    }

    private static Map<String, String> worker(TestDatabase db, String name, Path out, FaultyLink link, int brokerPort) {
        Map<String, String> p = props(db, Path.of(out.getParent().toString(), "data-" + name), out, link, brokerPort);
        p.put("app.renewal.worker-name", "worker-" + name);
        p.put("app.renewal.broker-connect-timeout", "2m");
        return p;
    }

    /**
     * Worker a is in the middle of a send partition of the latest execution (the
     * restart): its log names the step execution it runs last, and the job repository has
     * it STARTED, with a chunk written.
     */
    private static boolean runsRestartedSendPartition(TestDatabase db, Path workerLog) {
        java.util.regex.Matcher m = java.util.regex.Pattern
            .compile("Running partition sendNoticesPartition:\\S+ \\(step execution (\\d+) of job execution (\\d+)\\)")
            .matcher(OpsFixtures.read(workerLog));
        Long stepExecution = null;
        while (m.find()) {
            stepExecution = Long.valueOf(m.group(1));
        }
        if (stepExecution == null) {
            return false;
        }
        long id = stepExecution;
        return db
            .with(jdbc -> jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_EXECUTION_ID = ?"
                    + " AND JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)"
                    + " AND STATUS = 'STARTED' AND WRITE_COUNT > 0", Long.class, id)) > 0;
    }

}
