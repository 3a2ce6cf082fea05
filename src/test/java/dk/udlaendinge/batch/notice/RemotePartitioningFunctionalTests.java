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
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.Mailbox;
import dk.udlaendinge.batch.support.RunOutcome;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * The renewal job on three machines' worth of processes on loopback: a real PostgreSQL, a
 * manager with its embedded Artemis broker, two worker JVMs ({@code ./run.sh worker}) and
 * GreenMail as the gateway, with more than 1,200 due notices (enough that each fault
 * strikes mid-send). One run, three faults, in order:
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
        List<Deposit> deposits = OpsFixtures.createRegistry(db, 2400, 20141201);
        Set<String> due = OpsFixtures.dueDepositIds(deposits, RUN_DATE);
        Set<String> exempt = OpsFixtures.exemptAmong(deposits, due);
        int digital = due.size() - exempt.size();
        assertThat(due.size()).as("due notices").isGreaterThanOrEqualTo(1200);

        int brokerPort = OpsFixtures.freePort();
        Map<String, String> manager = props(db, tmp.resolve("data-manager"), out, brokerPort);
        manager.put("app.renewal.embedded-broker", "true");
        OpsFixtures.Child workerA = OpsFixtures.start(worker(db, "a", out, brokerPort), logs, "worker-a", "worker");
        OpsFixtures.Child workerB = OpsFixtures.start(worker(db, "b", out, brokerPort), logs, "worker-b", "worker");
        try {
            // 1. the manager dies mid-send, and its broker with it
            OpsFixtures.Child first = OpsFixtures.start(manager, logs, "manager-1", "renewal", "--run-date",
                    RUN_DATE.toString());
            OpsFixtures.awaitTrue("a quarter of the notices at the SMTP server", Duration.ofMinutes(3),
                    () -> greenMail.getReceivedMessages().length >= digital / 4 || !first.process().isAlive());
            assertThat(first.process().isAlive())
                .as("the manager is still waiting for its partitions\n" + first.output() + workerA.output()
                        + workerB.output())
                .isTrue();
            first.kill();
            for (OpsFixtures.Child w : List.of(workerA, workerB)) {
                OpsFixtures.awaitTrue("the worker notices the broker went away", Duration.ofMinutes(1),
                        () -> w.output().out().contains("went away") || !w.process().isAlive());
                assertThat(w.process().isAlive()).as("a lost broker does not end a worker\n" + w.output()).isTrue();
            }

            // 2. a new manager restarts the run; a worker dies mid-partition
            OpsFixtures.Child second = OpsFixtures.start(manager, logs, "manager-2", "restart");
            Path logA = tmp.resolve("data-a").resolve("logs").resolve("udlaendinge-batch.log");
            OpsFixtures.awaitTrue("worker a is back and runs a partition of the restarted send step",
                    Duration.ofMinutes(3),
                    () -> workerA.output().out().contains("is back;") && runsRestartedSendPartition(db, logA)
                            || !second.process().isAlive());
            assertThat(second.process().isAlive()).as(second.output().toString()).isTrue();
            workerA.kill();
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
        finally {
            workerA.kill();
            workerB.kill();
        }
    }

    private static Map<String, String> props(TestDatabase db, Path data, Path out, int brokerPort) {
        return OpsFixtures.remoteProps(db, data, out, SMTP_PORT, brokerPort, 10);
    }

    private static Map<String, String> worker(TestDatabase db, String name, Path out, int brokerPort) {
        Map<String, String> p = props(db, Path.of(out.getParent().toString(), "data-" + name), out, brokerPort);
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
