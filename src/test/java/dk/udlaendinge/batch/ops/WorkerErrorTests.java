package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.common.batch.partition.EmbeddedBroker;
import dk.udlaendinge.batch.common.batch.partition.PartitionRequest;
import dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration;

/**
 * {@code ./run.sh worker} set up wrongly ends with one line and exit 2, never a silent hang: no
 * broker, local partitioning, a request from a manager of another release, a request from a
 * manager on another database. A refused request goes back to the queue for a worker that fits.
 * A real Artemis broker on a free port; the worker runs through {@link Cli#run}, in this JVM where
 * it ends by itself, as its own process where it must take a request first.
 */
class WorkerErrorTests {

    static {
        OpsFixtures.init();
    }

    @TempDir
    Path tmp;

    private EmbeddedBroker broker;

    @AfterEach
    void stopBroker() throws Exception {
        if (broker != null) {
            broker.destroy();
        }
    }

    private Map<String, String> workerProps(int brokerPort) {
        Path data = tmp.resolve("data");
        OpsFixtures.createRegistry(data, 5, 1);
        Map<String, String> p = OpsFixtures.props(data, tmp.resolve("out"), null);
        p.put("app.renewal.partitioning", "remote");
        p.put("spring.artemis.broker-url", "tcp://localhost:" + brokerPort);
        p.put("app.renewal.broker-connect-timeout", "1s");
        return p;
    }

    @Test
    void aBrokerThatCannotBeReachedEndsTheWorkerWithOneLine() {
        int nothingListens = OpsFixtures.freePort();
        long t0 = System.nanoTime();
        OpsFixtures.Result r = OpsFixtures.cli(workerProps(nothingListens), "worker");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err().strip()).as(r.toString())
                .startsWith("error: the broker at tcp://localhost:" + nothingListens + " cannot be reached within 1 s")
                .contains("spring.artemis.broker-url").doesNotContain("\n").doesNotContain("Exception");
        assertThat((System.nanoTime() - t0) / 1e9).as("bounded by the connect timeout, plus start-up").isLessThan(60);
    }

    @Test
    void aManagerWhoseBrokerCannotBeReachedFailsTheRunWithOneLineNamingItAndTheFix() {
        int nothingListens = OpsFixtures.freePort();
        Map<String, String> manager = workerProps(nothingListens);
        manager.put("spring.artemis.broker-url", "tcp://localhost:" + nothingListens + "?user=u&password=secret");
        OpsFixtures.Result r = OpsFixtures.cli(manager, "renewal", "--run-date", "2015-01-01");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).as(r.toString()).contains("reason: the broker for remote partitions at tcp://localhost:"
                + nothingListens + " cannot be reached (").contains("start it (./run.sh broker)")
                .contains("./run.sh restart");
        assertThat(r.all()).as("the URL's query is not printed").doesNotContain("secret");
    }

    @Test
    void aWorkerNeedsRemotePartitioning() {
        Map<String, String> p = workerProps(OpsFixtures.freePort());
        p.put("app.renewal.partitioning", "local");
        OpsFixtures.Result r = OpsFixtures.cli(p, "worker");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err().strip()).as(r.toString()).isEqualTo("error: ./run.sh worker needs app.renewal.partitioning:"
                + " remote (and spring.artemis.broker-url); with local the job runs its partitions itself");
    }

    @Test
    void anUnknownPartitioningStopsTheStart() {
        Map<String, String> p = workerProps(OpsFixtures.freePort());
        p.put("app.renewal.partitioning", "cluster");
        OpsFixtures.Result r = OpsFixtures.cli(p, "status");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err()).as(r.toString()).contains("app.renewal.partitioning must be one of [local, remote], was \"cluster\"");
    }

    @Test
    void aRequestFromAnotherReleaseIsRefusedAndGoesBackToTheQueue() throws Exception {
        int port = startBroker();
        send(port, "renewal-partitions-0", 1, "token");
        OpsFixtures.Result r = worker(port);
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err().strip()).as(r.toString()).isEqualTo("error: the manager sent a request for "
                + RenewalNoticeJobConfiguration.SEND_WORKER + " of contract renewal-partitions-0, but this worker runs"
                + " contract " + RenewalNoticeJobConfiguration.PARTITION_CONTRACT + ": run the same release of"
                + " udlaendinge-batch on the manager and every worker");
        assertThat(receive(port)).as("the refused request is back in the queue").isEqualTo("renewal-partitions-0");
    }

    @Test
    void aRequestFromAManagerOnAnotherDatabaseIsRefused() throws Exception {
        int port = startBroker();
        send(port, RenewalNoticeJobConfiguration.PARTITION_CONTRACT, 4711, "token-of-another-database");
        OpsFixtures.Result r = worker(port);
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err().strip()).as(r.toString()).startsWith("error: this worker's database (jdbc:hsqldb:file:")
                .contains("is not the manager's: it does not hold partition " + RenewalNoticeJobConfiguration.SEND_WORKER
                        + " (step execution 4711 of job execution 1)")
                .endsWith("give the manager and every worker the same spring.datasource.url").doesNotContain("\n");
        assertThat(receive(port)).as("the refused request is back in the queue")
                .isEqualTo(RenewalNoticeJobConfiguration.PARTITION_CONTRACT);
    }

    /** A worker as its own process: one that took nothing would otherwise wait for requests forever. */
    private OpsFixtures.Result worker(int port) {
        return OpsFixtures.start(workerProps(port), tmp.resolve("logs"), "worker", "worker").await(Duration.ofMinutes(2));
    }

    private int startBroker() {
        int port = OpsFixtures.freePort();
        broker = new EmbeddedBroker("tcp://localhost:" + port, tmp.resolve("broker"));
        broker.start();
        return port;
    }

    private static void send(int port, String contract, long stepExecutionId, String token) throws Exception {
        try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory("tcp://localhost:" + port);
                Connection c = f.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = s.createProducer(s.createQueue(PartitionRequest.QUEUE));
            MapMessage m = s.createMapMessage();
            for (Map.Entry<String, Object> e : new PartitionRequest(RenewalNoticeJobConfiguration.SEND_WORKER,
                    stepExecutionId, 1, contract, token).toMap().entrySet()) {
                m.setObject(e.getKey(), e.getValue());
            }
            producer.send(m);
        }
    }

    private static String receive(int port) throws Exception {
        try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory("tcp://localhost:" + port);
                Connection c = f.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            c.start();
            MessageConsumer consumer = s.createConsumer(s.createQueue(PartitionRequest.QUEUE));
            MapMessage m = (MapMessage) consumer.receive(10_000);
            return m == null ? null : m.getString("contract");
        }
    }
}
