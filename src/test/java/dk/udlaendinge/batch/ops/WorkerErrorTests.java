package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * {@code ./run.sh worker} set up wrongly ends with one line and exit 2, never a silent
 * hang: no broker, local partitioning. A request from a manager of another release, or
 * from a manager on another database, costs one line naming the fix and is parked on the
 * dead-letter queue; the worker goes on (a forged one looks the same, and must not stop
 * the night: issue 20, item 1). A real Artemis broker on a free port; the worker runs
 * through {@link Cli#run}, in this JVM where it ends by itself, as its own process where
 * it must take a request first.
 */
@SlowTest
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
            .contains("spring.artemis.broker-url")
            .doesNotContain("\n")
            .doesNotContain("Exception");
        assertThat((System.nanoTime() - t0) / 1e9).as("bounded by the connect timeout, plus start-up").isLessThan(60);
    }

    @Test
    void aManagerWhoseBrokerCannotBeReachedFailsTheRunWithOneLineNamingItAndTheFix() {
        int nothingListens = OpsFixtures.freePort();
        Map<String, String> manager = workerProps(nothingListens);
        manager.put("spring.artemis.broker-url", "tcp://localhost:" + nothingListens + "?user=u&password=secret");
        OpsFixtures.Result r = OpsFixtures.cli(manager, "renewal", "--run-date", "2015-01-01");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).as(r.toString())
            .contains("reason: the broker for remote partitions at tcp://localhost:" + nothingListens
                    + " cannot be reached (")
            .contains("start it (./run.sh broker)")
            .contains("./run.sh restart");
        assertThat(r.all()).as("the URL's query is not printed").doesNotContain("secret");
    }

    /**
     * Issue 20, item 9: cron mails stderr; the log file is read by more people than the
     * secrets' owners.
     */
    @Test
    void theBrokerPasswordInTheUrlIsNeitherPrintedNorLogged() throws Exception {
        int nothingListens = OpsFixtures.freePort();
        Map<String, String> p = workerProps(nothingListens);
        p.put("spring.artemis.broker-url", "tcp://localhost:" + nothingListens + "?user=batch&password=br0ker-s3cret");
        OpsFixtures.Result r = OpsFixtures.start(p, tmp.resolve("logs"), "worker-pw", "worker")
            .await(Duration.ofMinutes(2));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err().strip()).as(r.toString())
            .startsWith("error: the broker at tcp://localhost:" + nothingListens
                    + "?user=batch&password=*** cannot be reached within 1 s");
        assertThat(r.all()).as(r.toString()).doesNotContain("br0ker-s3cret");
        Path log = tmp.resolve("data/logs/udlaendinge-batch.log");
        assertThat(java.nio.file.Files.readString(log)).doesNotContain("br0ker-s3cret");
    }

    @Test
    void aWorkerNeedsRemotePartitioning() {
        Map<String, String> p = workerProps(OpsFixtures.freePort());
        p.put("app.renewal.partitioning", "local");
        OpsFixtures.Result r = OpsFixtures.cli(p, "worker");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err().strip()).as(r.toString())
            .isEqualTo("error: ./run.sh worker needs app.renewal.partitioning:"
                    + " remote (and spring.artemis.broker-url); with local the job runs its partitions itself");
    }

    @Test
    void anUnknownPartitioningStopsTheStart() {
        Map<String, String> p = workerProps(OpsFixtures.freePort());
        p.put("app.renewal.partitioning", "cluster");
        OpsFixtures.Result r = OpsFixtures.cli(p, "status");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err()).as(r.toString())
            .contains("app.renewal.partitioning must be one of [local, remote], was \"cluster\"");
    }

    /**
     * Both refusals on one worker process (a child JVM is the costly part): each request
     * is parked with its own reason, and each costs its own one line.
     */
    @Test
    void requestsFromAnotherReleaseOrAnotherDatabaseAreParkedWithOneLineEachAndTheWorkerGoesOn() throws Exception {
        int port = startBroker();
        String anotherRelease = "a request for " + RenewalNoticeJobConfiguration.SEND_WORKER + " of contract"
                + " renewal-partitions-0, but this worker runs contract "
                + RenewalNoticeJobConfiguration.PARTITION_CONTRACT
                + ": if a manager sent it, run the same release of udlaendinge-batch on the manager and every worker";
        String anotherDatabase = "this worker's database (jdbc:hsqldb:file:";
        send(port, "renewal-partitions-0", 1, "token");
        send(port, RenewalNoticeJobConfiguration.PARTITION_CONTRACT, 4711, "token-of-another-database");
        workerParks(port, Map.of("another release", List.of(anotherRelease, "renewal-partitions-0"), "another database",
                List.of(anotherDatabase, RenewalNoticeJobConfiguration.PARTITION_CONTRACT)));
        String log = OpsFixtures.read(tmp.resolve("data/logs/udlaendinge-batch.log"));
        assertThat(log).as("another database: the log says why")
            .contains("is not the manager's: it does not hold partition " + RenewalNoticeJobConfiguration.SEND_WORKER
                    + " (step execution 4711 of job execution 1) with that token; if a manager sent it, give the manager and"
                    + " every worker the same spring.datasource.url");
    }

    /**
     * A worker as its own process takes the requests on the queue, refuses each with one
     * line naming its reason, parks it on the dead-letter queue (not back on the queue,
     * where it would stop every worker in turn) and goes on until SIGTERM, exit 0.
     * {@code cases}: what each request is, to its reason and contract.
     */
    private void workerParks(int port, Map<String, List<String>> cases) throws Exception {
        OpsFixtures.Child w = OpsFixtures.start(workerProps(port), tmp.resolve("logs"), "worker", "worker");
        try {
            Map<String, MapMessage> parked = new java.util.HashMap<>();
            for (int i = 0; i < cases.size(); i++) {
                MapMessage m = receive(port, PartitionRequest.DEAD_LETTERS, 180_000);
                assertThat(m).as("refused request " + (i + 1) + " is parked\n" + w.output()).isNotNull();
                parked.put(m.getString("contract"), m);
            }
            for (Map.Entry<String, List<String>> c : cases.entrySet()) {
                String reason = c.getValue().get(0);
                MapMessage m = parked.get(c.getValue().get(1));
                assertThat(m).as(c.getKey() + ": parked").isNotNull();
                assertThat(m.getStringProperty("reason")).as(c.getKey()).contains(reason);
            }
            assertThat(receive(port, PartitionRequest.QUEUE, 1000)).as("not back on the queue").isNull();
            assertThat(w.process().isAlive()).as("the worker goes on\n" + w.output()).isTrue();
            OpsFixtures.awaitTrue("the worker's lines", Duration.ofMinutes(1),
                    () -> w.output()
                        .all()
                        .lines()
                        .filter(l -> l.contains("was refused and moved to " + PartitionRequest.DEAD_LETTERS))
                        .count() >= cases.size());
            List<String> said = w.output().all().lines().filter(l -> l.contains("was refused")).toList();
            for (Map.Entry<String, List<String>> c : cases.entrySet()) {
                assertThat(said).as(c.getKey() + ": one line\n" + said)
                    .filteredOn(l -> l.contains(c.getValue().get(0)))
                    .hasSize(1);
            }
            assertThat(said).as("one line each").hasSize(cases.size());
            w.process().destroy();
            OpsFixtures.Result stopped = w.await(Duration.ofMinutes(2));
            assertThat(stopped.code()).as(stopped.toString()).isZero();
        }
        finally {
            w.kill();
        }
    }

    private int startBroker() {
        int port = OpsFixtures.freePort();
        broker = new EmbeddedBroker("tcp://localhost:" + port, tmp.resolve("broker"));
        broker.start();
        return port;
    }

    private static void send(int port, String contract, long stepExecutionId, String token) throws Exception {
        try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory("tcp://localhost:" + port);
                Connection c = f.createConnection();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = s.createProducer(s.createQueue(PartitionRequest.QUEUE));
            MapMessage m = s.createMapMessage();
            for (Map.Entry<String, Object> e : new PartitionRequest(RenewalNoticeJobConfiguration.SEND_WORKER,
                    stepExecutionId, 1, contract, token)
                .toMap()
                .entrySet()) {
                m.setObject(e.getKey(), e.getValue());
            }
            producer.send(m);
        }
    }

    private static MapMessage receive(int port, String queue, long millis) throws Exception {
        try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory("tcp://localhost:" + port);
                Connection c = f.createConnection();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            c.start();
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            return (MapMessage) consumer.receive(millis);
        }
    }

}
