package dk.udlaendinge.batch.common.batch.partition;

import static dk.udlaendinge.batch.support.OpsFixtures.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.common.batch.partition.BrokerSettings;
import dk.udlaendinge.batch.common.batch.partition.EmbeddedBroker;
import dk.udlaendinge.batch.common.batch.partition.PartitionRequest;
import dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * The partition broker attacked from the network (issue 20, item 1), against a real
 * Artemis broker ({@code ./run.sh broker} as its own process, or the same broker in this
 * JVM) and real worker processes:
 * <ul>
 * <li>a client without the configured user and password, or with a wrong one, is
 * refused;</li>
 * <li>a broker on an address other hosts reach will not start without a password (one
 * line, exit 2);</li>
 * <li>with a key store the broker speaks TLS only, and a worker connects over it;</li>
 * <li>forged messages on the request queue (another contract, a wrong token, text, a
 * serialized object, a line break in a name) are parked on the dead-letter queue with one
 * line each, and the worker that took them goes on to run the night's partitions;</li>
 * <li>a request that keeps coming back is offered app.broker.max-delivery-attempts times,
 * then parked.</li>
 * </ul>
 */
@SlowTest
class BrokerSecurityFunctionalTests {

    static {
        OpsFixtures.init();
    }

    private static final String USER = "batch";

    private static final String PASSWORD = "br0ker-pa55word";

    @TempDir
    Path tmp;

    private final List<OpsFixtures.Child> children = new ArrayList<>();

    private EmbeddedBroker inJvm;

    @AfterEach
    void stop() throws Exception {
        children.forEach(OpsFixtures.Child::kill);
        if (inJvm != null) {
            inJvm.destroy();
        }
    }

    private Map<String, String> brokerProps(String url) {
        Path data = tmp.resolve("data-broker");
        Map<String, String> p = OpsFixtures.props(data, tmp.resolve("out"), null);
        p.put("app.renewal.partitioning", "remote");
        p.put("spring.artemis.broker-url", url);
        return p;
    }

    private OpsFixtures.Child startBroker(Map<String, String> props, String name) {
        OpsFixtures.Child broker = OpsFixtures.start(props, tmp.resolve("logs"), name, "broker");
        children.add(broker);
        OpsFixtures.awaitTrue("the broker listens", Duration.ofMinutes(2),
                () -> broker.output().out().contains("listening on") || !broker.process().isAlive());
        assertThat(broker.process().isAlive()).as(broker.output().toString()).isTrue();
        return broker;
    }

    @Test
    void theBrokerAdmitsOnlyTheConfiguredUserAndPassword() throws Exception {
        int port = OpsFixtures.freePort();
        String url = "tcp://localhost:" + port;
        Map<String, String> props = brokerProps(url);
        props.put("spring.artemis.user", USER);
        props.put("spring.artemis.password", PASSWORD);
        OpsFixtures.Child broker = startBroker(props, "broker-auth");
        assertThat(broker.output().out()).contains("user and password required");

        assertThatThrownBy(() -> roundTrip(url, null, null)).as("no credentials")
            .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> roundTrip(url, USER, "guess")).as("a wrong password")
            .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> roundTrip(url, "admin", PASSWORD)).as("another user")
            .isInstanceOf(JMSSecurityException.class);
        assertThat(roundTrip(url, USER, PASSWORD)).as("the configured account sends and receives").isEqualTo("ping");
        assertThat(broker.output().all()).doesNotContain(PASSWORD);
    }

    @Test
    void aBrokerOnAnAddressOtherHostsReachWillNotStartWithoutAPassword() {
        int port = OpsFixtures.freePort();
        Map<String, String> props = brokerProps("tcp://0.0.0.0:" + port);
        OpsFixtures.Child open = OpsFixtures.start(props, tmp.resolve("logs"), "broker-open", "broker");
        children.add(open);
        OpsFixtures.Result r = open.await(Duration.ofMinutes(2));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(r.err().strip()).as(r.toString())
            .isEqualTo("error: the broker would listen on 0.0.0.0:" + port
                    + ", which other hosts reach, without a password: set spring.artemis.user and spring.artemis.password"
                    + " (SPRING_ARTEMIS_USER, SPRING_ARTEMIS_PASSWORD) for the broker and every node, or listen on localhost only");

        // the broker a manager embeds: the same refusal, before anything runs
        Path data = tmp.resolve("data-manager");
        OpsFixtures.createRegistry(data, 5, 1);
        Map<String, String> manager = OpsFixtures.props(data, tmp.resolve("out"), null);
        manager.put("app.renewal.partitioning", "remote");
        manager.put("app.renewal.embedded-broker", "true");
        manager.put("spring.artemis.broker-url", "tcp://0.0.0.0:" + port);
        OpsFixtures.Result m = OpsFixtures.cli(manager, "renewal", "--run-date", "2015-01-01");
        assertThat(m.code()).as(m.toString()).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(m.err()).as(m.toString())
            .contains("the broker would listen on 0.0.0.0:" + port)
            .doesNotContain("Exception");
    }

    @Test
    void withAKeyStoreTheBrokerSpeaksTlsOnlyAndAWorkerConnectsOverIt() throws Exception {
        Path keyStore = tmp.resolve("broker.p12");
        Path trustStore = tmp.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-storetype",
                "PKCS12", "-keystore", keyStore.toString(), "-storepass", "key-store-pw", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1");
        Path cert = tmp.resolve("broker.crt");
        keytool("-exportcert", "-alias", "broker", "-keystore", keyStore.toString(), "-storepass", "key-store-pw",
                "-rfc", "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", "trust-store-pw");

        int port = OpsFixtures.freePort();
        String plain = "tcp://localhost:" + port;
        String tls = plain + "?sslEnabled=true&verifyHost=true&trustStorePath=" + trustStore
                + "&trustStorePassword=trust-store-pw";
        Map<String, String> props = brokerProps(plain + "?sslEnabled=true");
        props.put("spring.artemis.user", USER);
        props.put("spring.artemis.password", PASSWORD);
        props.put("app.broker.key-store", keyStore.toString());
        props.put("app.broker.key-store-password", "key-store-pw");
        OpsFixtures.Child broker = startBroker(props, "broker-tls");
        assertThat(broker.output().out()).contains(", TLS");

        assertThat(roundTrip(tls, USER, PASSWORD)).as("over TLS").isEqualTo("ping");
        assertThatThrownBy(() -> roundTrip(plain, USER, PASSWORD)).as("plain TCP to the TLS port")
            .isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> roundTrip(plain + "?sslEnabled=true&verifyHost=true", USER, PASSWORD))
            .as("TLS without trusting the broker's certificate")
            .isInstanceOf(JMSException.class);

        // a worker over TLS: it reaches the broker, and prints the URL with the trust
        // store's password masked
        Path data = tmp.resolve("data-worker");
        OpsFixtures.createRegistry(data, 5, 1);
        Map<String, String> worker = OpsFixtures.props(data, tmp.resolve("out"), null);
        worker.put("app.renewal.partitioning", "remote");
        worker.put("spring.artemis.broker-url", tls);
        worker.put("spring.artemis.user", USER);
        worker.put("spring.artemis.password", PASSWORD);
        worker.put("app.renewal.broker-connect-timeout", "1m");
        OpsFixtures.Child w = OpsFixtures.start(worker, tmp.resolve("logs"), "worker-tls", "worker");
        children.add(w);
        OpsFixtures.awaitTrue("the worker takes requests", Duration.ofMinutes(2),
                () -> w.output().out().contains("takes partitions") || !w.process().isAlive());
        assertThat(w.output().out()).as(w.output().toString())
            .contains("&trustStorePassword=***;")
            .doesNotContain("trust-store-pw");
        w.process().destroy();
        OpsFixtures.Result stopped = w.await(Duration.ofMinutes(2));
        assertThat(stopped.code()).as(stopped.toString()).isZero();
        assertThat(stopped.all() + Files.readString(data.resolve("logs/udlaendinge-batch.log")))
            .doesNotContain("trust-store-pw")
            .doesNotContain(PASSWORD);
    }

    @Test
    void forgedRequestsAreParkedWithOneLineEachAndTheWorkerRunsTheNight() throws Exception {
        int port = OpsFixtures.freePort();
        String url = "tcp://localhost:" + port;
        inJvm = new EmbeddedBroker(url, tmp.resolve("broker"), new BrokerSettings(USER, PASSWORD, null, null, 5));
        inJvm.start();

        TestDatabase db = TestDatabase.postgres();
        // a night of a few dozen notices on three partitions: enough that the worker
        // that took the forged messages runs real partitions (each notice is a PDF to
        // render)
        OpsFixtures.createRegistry(db, 60, 20141201);
        // the attack: a sender with the account (or on a broker someone left open) fills
        // the queue first
        forge(url, session -> map(session, RenewalNoticeJobConfiguration.SEND_WORKER, 1, "renewal-partitions-0", "x"));
        forge(url, session -> map(session, RenewalNoticeJobConfiguration.SEND_WORKER, 1,
                RenewalNoticeJobConfiguration.PARTITION_CONTRACT, "forged-token"));
        forge(url, session -> session.createTextMessage("rm -rf /"));
        forge(url, session -> session.createObjectMessage(new java.util.ArrayList<>(List.of("gadget"))));
        forge(url, session -> map(session, "sendNoticesPartition\nERROR forged log line", 1,
                RenewalNoticeJobConfiguration.PARTITION_CONTRACT, "x"));

        Path out = tmp.resolve("out");
        Map<String, String> node = OpsFixtures.props(db, tmp.resolve("data-worker"), out, null);
        node.put("app.renewal.partitioning", "remote");
        node.put("spring.artemis.broker-url", url);
        node.put("spring.artemis.user", USER);
        node.put("spring.artemis.password", PASSWORD);
        node.put("app.renewal.partitions", "3");
        node.put("app.renewal.partition-timeout", "30s");
        node.put("app.renewal.broker-connect-timeout", "1m");
        OpsFixtures.Child worker = OpsFixtures.start(node, tmp.resolve("logs"), "worker", "worker");
        children.add(worker);

        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Message parked = receive(url, PartitionRequest.DEAD_LETTERS, Duration.ofMinutes(3));
            assertThat(parked).as("forged message " + (i + 1) + " parked\n" + worker.output()).isNotNull();
            reasons.add(parked.getStringProperty("reason"));
        }
        assertThat(reasons).anyMatch(r -> r.contains("of contract renewal-partitions-0"))
            .anyMatch(r -> r.contains("with that token"))
            .anyMatch(r -> r.contains("a text message"))
            .anyMatch(r -> r.contains("an object message"))
            .anyMatch(r -> r.contains("no valid 'stepName'"));
        assertThat(worker.process().isAlive()).as("forged requests do not end the worker\n" + worker.output()).isTrue();
        assertThat(receive(url, PartitionRequest.QUEUE, Duration.ofSeconds(2))).as("nothing left on the queue")
            .isNull();
        String said = worker.output().all();
        assertThat(said.lines().filter(l -> l.contains("was refused and moved to " + PartitionRequest.DEAD_LETTERS)))
            .as(said)
            .hasSize(5);
        assertThat(said).doesNotContain("\nERROR forged log line");

        // the real night, on the worker that took the forged messages
        Map<String, String> manager = new java.util.LinkedHashMap<>(node);
        manager.put("app.data-dir", tmp.resolve("data-manager").toString());
        OpsFixtures.Result night = OpsFixtures.cli(manager, "renewal", "--run-date", RUN_DATE.toString());
        assertThat(night.code()).as(night + "\n" + worker.output()).isZero();
        assertThat(worker.output().out()).as("the worker ran the partitions").contains("takes partitions");
        assertThat(OpsFixtures.read(tmp.resolve("data-worker/logs/udlaendinge-batch.log")))
            .contains("Running partition " + RenewalNoticeJobConfiguration.SEND_WORKER);

        worker.process().destroy();
        assertThat(worker.await(Duration.ofMinutes(2)).code()).isZero();
    }

    @Test
    void aRequestThatKeepsComingBackIsParkedAfterTheDeliveryLimit() throws Exception {
        int port = OpsFixtures.freePort();
        String url = "tcp://localhost:" + port;
        inJvm = new EmbeddedBroker(url, tmp.resolve("broker"), new BrokerSettings(USER, PASSWORD, null, null, 3));
        inJvm.start();
        forge(url, session -> map(session, RenewalNoticeJobConfiguration.SEND_WORKER, 1, "c", "t"));
        int deliveries = 0;
        try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(url, USER, PASSWORD);
                Connection c = f.createConnection();
                Session s = c.createSession(true, Session.SESSION_TRANSACTED)) {
            c.start();
            MessageConsumer consumer = s.createConsumer(s.createQueue(PartitionRequest.QUEUE));
            // a consumer that fails on it every time (the redelivery delay is 1 s)
            for (Message m; (m = consumer.receive(10_000)) != null && deliveries < 10;) {
                deliveries++;
                s.rollback();
            }
        }
        assertThat(deliveries).as("offered app.broker.max-delivery-attempts times, no more").isEqualTo(3);
        Message parked = receive(url, PartitionRequest.DEAD_LETTERS, Duration.ofSeconds(30));
        assertThat(parked).as("then parked on the dead-letter queue").isInstanceOf(MapMessage.class);
        assertThat(((MapMessage) parked).getString("contract")).isEqualTo("c");
    }

    // --- clients
    // ------------------------------------------------------------------------------

    @FunctionalInterface
    private interface MessageMaker {

        Message make(Session session) throws JMSException;

    }

    private static MapMessage map(Session s, String stepName, long stepExecutionId, String contract, String token)
            throws JMSException {
        MapMessage m = s.createMapMessage();
        for (Map.Entry<String, Object> e : new PartitionRequest("x", stepExecutionId, 1, contract, token).toMap()
            .entrySet()) {
            m.setObject(e.getKey(), e.getValue());
        }
        m.setString("stepName", stepName);
        return m;
    }

    private static void forge(String url, MessageMaker maker) throws JMSException {
        try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(url, USER, PASSWORD);
                Connection c = f.createConnection();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = s.createProducer(s.createQueue(PartitionRequest.QUEUE));
            producer.send(maker.make(s));
        }
    }

    private static Message receive(String url, String queue, Duration wait) throws JMSException {
        try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(url, USER, PASSWORD);
                Connection c = f.createConnection();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            c.start();
            return s.createConsumer(s.createQueue(queue)).receive(wait.toMillis());
        }
    }

    /** Connects, sends "ping" to a queue of its own and reads it back. */
    private static String roundTrip(String url, String user, String password) throws JMSException {
        try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(url, user, password)) {
            f.setReconnectAttempts(0);
            f.setInitialConnectAttempts(1);
            f.setCallTimeout(10_000);
            try (Connection c = f.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                c.start();
                var q = s.createQueue(PartitionRequest.QUEUE);
                s.createProducer(q).send(s.createTextMessage("ping"));
                Message m = s.createConsumer(q).receive(10_000);
                return m == null ? null : m.getBody(String.class);
            }
        }
    }

    private static void keytool(String... args) throws Exception {
        // keytool is a JVM of its own: C1 only and the serial collector, as the
        // application's child JVMs (OpsFixtures.CHILD_JVM): under half the CPU time
        // (2.1 s against 0.9 s for the RSA key pair)
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
    }

}
