package dk.udlaendinge.batch.common.batch.partition;

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
 * The broker as a process of its own ({@code ./run.sh broker}), killed with SIGKILL in
 * the middle of the send step and started again on the same port, while the manager (no
 * embedded broker) and a worker run on: a real PostgreSQL, GreenMail as the gateway
 * behind a {@link FaultyLink} that is held while the broker dies (so it dies mid-send
 * with a registry of a couple of hundred), small chunks and more partitions than the
 * worker takes at once, so requests wait in the broker when it dies. The worker says once
 * that the broker went away and once that it is back. Then either the run completed, or
 * the manager failed the step naming the partitions no worker took, and {@code restart}
 * completes it; every due notice was sent or put on paper exactly once, the journal lists
 * each once, and at most one message went twice (the documented window of the worker's
 * one thread; a dead broker itself kills no partition thread). A second broker on a taken
 * port, and one on a URL it cannot listen on, each give one line and exit 2.
 */
@SlowTest
class BrokerRestartFunctionalTests {

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
    void aBrokerKilledAndStartedAgainMidRunLosesNothing() {
        TestDatabase db = TestDatabase.postgres();
        Path out = tmp.resolve("out");
        Path logs = tmp.resolve("logs");
        List<Deposit> deposits = OpsFixtures.createRegistry(db, 200, 20261127);
        Set<String> due = OpsFixtures.dueDepositIds(deposits, RUN_DATE);
        Set<String> exempt = OpsFixtures.exemptAmong(deposits, due);
        int digital = due.size() - exempt.size();
        assertThat(due.size()).as("due notices").isGreaterThanOrEqualTo(60);

        int brokerPort = OpsFixtures.freePort();
        FaultyLink link = new FaultyLink(SMTP_PORT);
        Map<String, String> manager = props(db, tmp.resolve("data-manager"), out, link, brokerPort);
        Map<String, String> brokerProps = props(db, tmp.resolve("data-broker"), out, link, brokerPort);
        // the broker and the worker start together: the worker waits for the broker
        OpsFixtures.Child broker = OpsFixtures.start(brokerProps, logs, "broker-1", "broker");
        OpsFixtures.Child worker = OpsFixtures.start(worker(db, out, link, brokerPort), logs, "worker", "worker");
        OpsFixtures.Child second = null;
        try {
            // a URL no broker can listen on: one line
            Map<String, String> badUrl = new java.util.HashMap<>(brokerProps);
            badUrl.put("spring.artemis.broker-url", "vm://0");
            OpsFixtures.Result bad = OpsFixtures.cli(badUrl, "broker");
            assertThat(bad.code()).as(bad.toString()).isEqualTo(ExitCodes.BAD_USAGE);
            assertThat(bad.err().strip())
                .isEqualTo("error: spring.artemis.broker-url must be tcp://HOST:PORT for a broker"
                        + " this process starts (./run.sh broker, app.renewal.embedded-broker), was \"vm://0\"");
            awaitListening(broker, brokerPort);

            OpsFixtures.Child first = OpsFixtures.start(manager, logs, "manager-1", "renewal", "--run-date",
                    RUN_DATE.toString());
            // a second broker on the same port: one line (while the manager starts)
            OpsFixtures.Result taken = OpsFixtures.cli(brokerProps, "broker");
            assertThat(taken.code()).as(taken.toString()).isEqualTo(ExitCodes.BAD_USAGE);
            assertThat(taken.err().strip()).as(taken.toString())
                .startsWith("error: the broker cannot listen on localhost:" + brokerPort)
                .contains("is another broker or manager running there?")
                .doesNotContain("\n");

            OpsFixtures.awaitTrue("some notices at the SMTP server", Duration.ofMinutes(2),
                    () -> greenMail.getReceivedMessages().length >= 10 || !first.process().isAlive());
            link.hold(); // the send stalls: the broker dies below with the step in
                         // mid-send
            assertThat(first.process().isAlive())
                .as("the manager waits for its partitions\n" + first.output() + worker.output())
                .isTrue();
            assertThat(greenMail.getReceivedMessages().length).as("the broker dies in the middle of sending")
                .isLessThan(digital);

            broker.kill();
            link.release();
            OpsFixtures.awaitTrue("the worker notices the broker went away", Duration.ofMinutes(1),
                    () -> worker.output().out().contains("went away") || !worker.process().isAlive());
            second = OpsFixtures.start(brokerProps, logs, "broker-2", "broker");
            awaitListening(second, brokerPort);
            OpsFixtures.awaitTrue("the worker is back on the broker", Duration.ofMinutes(1),
                    () -> worker.output().out().contains("is back;") || !worker.process().isAlive());
            assertThat(worker.process().isAlive()).as("a lost broker does not end a worker\n" + worker.output())
                .isTrue();

            OpsFixtures.Result run = first.await(Duration.ofMinutes(2));
            if (run.code() != ExitCodes.COMPLETED) {
                // the requests waiting in the dead broker are lost: the step fails naming
                // them, restart sends them again
                assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
                assertThat(run.out()).as(run.toString())
                    .contains("was taken by no worker")
                    .contains("a restarted broker")
                    .contains("./run.sh restart runs");
                OpsFixtures.Result restarted = OpsFixtures.start(manager, logs, "manager-2", "restart")
                    .await(Duration.ofMinutes(2));
                assertThat(restarted.code()).as(restarted + "\n" + worker.output()).isZero();
            }
            // a dead broker kills no partition thread; the window of one worker thread
            // covers a partition that a
            // busy machine made look idle for the timeout (fenced mid-chunk)
            RunOutcome.read(db, out, RUN_DATE).assertExactlyOnce(due, exempt, Mailbox.of(greenMail), 1);
            assertThat(worker.output().out().split("went away", -1)).as("said once\n" + worker.output()).hasSize(2);

            second.process().destroy(); // SIGTERM
            OpsFixtures.Result stopped = second.await(Duration.ofMinutes(1));
            assertThat(stopped.code()).as(stopped.toString()).isZero();
            assertThat(stopped.out()).contains("SIGTERM: the broker has stopped");
        }
        finally {
            link.close();
            worker.kill();
            broker.kill();
            link.release();
            if (second != null) {
                second.kill();
            }
        }
    }

    private static void awaitListening(OpsFixtures.Child broker, int port) {
        OpsFixtures.awaitTrue("the broker listens", Duration.ofMinutes(1),
                () -> broker.output().out().contains("listening on") || !broker.process().isAlive());
        assertThat(broker.output().out()).as(broker.output().toString())
            .startsWith("Broker for remote partitions listening on localhost:" + port + " (pid " + broker.pid() + ")");
    }

    private static Map<String, String> props(TestDatabase db, Path data, Path out, FaultyLink link, int brokerPort) {
        Map<String, String> p = OpsFixtures.remoteProps(db, data, out, link.port(), brokerPort, 5);
        p.put("app.renewal.embedded-broker", "false");
        return p;
    }

    private static Map<String, String> worker(TestDatabase db, Path out, FaultyLink link, int brokerPort) {
        Map<String, String> p = props(db, out.getParent().resolve("data-worker"), out, link, brokerPort);
        p.put("app.renewal.worker-name", "worker-a");
        p.put("app.renewal.broker-connect-timeout", "1m");
        return p;
    }

}
