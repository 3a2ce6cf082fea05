package dk.udlaendinge.batch.common.batch.partition;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import dk.udlaendinge.batch.common.UrlMask;

/**
 * An ActiveMQ Artemis broker inside the process that runs the job ({@code
 * app.renewal.embedded-broker: true}), or as a process of its own
 * ({@code ./run.sh broker}, for several hosts), listening on
 * {@code spring.artemis.broker-url}'s host and port. It starts when a remote manager step
 * is about to send its first request, not with the application: {@code status},
 * {@code worker} and the rest never open a port. It keeps nothing on disk: a request lost
 * with it is a partition no worker takes, which the manager's timeout reports and a
 * restart sends again. A request that a worker hands back is offered again after a
 * second, up to {@code app.broker.max-delivery-attempts} times in all; then it goes to
 * the dead-letter queue {@value PartitionRequest#DEAD_LETTERS}, where the workers also
 * put requests they refuse. With {@code spring.artemis.user}/{@code password} it admits
 * only connections that give them, and with {@code app.broker.key-store} it speaks TLS
 * only ({@link BrokerSettings}).
 */
public final class EmbeddedBroker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final String brokerUrl;

    private final Path folder;

    private final BrokerSettings settings;

    private EmbeddedActiveMQ server;

    /** A broker without a password or TLS: on a loopback address only. */
    public EmbeddedBroker(String brokerUrl, Path folder) {
        this(brokerUrl, folder, BrokerSettings.open());
    }

    public EmbeddedBroker(String brokerUrl, Path folder, BrokerSettings settings) {
        this.brokerUrl = brokerUrl;
        this.folder = folder;
        this.settings = settings;
    }

    /**
     * Stops a start that would be unsafe (an address others reach without a password, TLS
     * asked for without a key store) with one line: {@link IllegalArgumentException}.
     */
    public void check() {
        settings.requireSafeToListen(listenAddress(brokerUrl), brokerUrl);
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        URI uri = listenAddress(brokerUrl);
        check();
        requireFreePort(uri);
        try {
            ConfigurationImpl config = new ConfigurationImpl();
            config.setPersistenceEnabled(false);
            config.setSecurityEnabled(settings.secured());
            config.setJMXManagementEnabled(false);
            config.setMaxDiskUsage(-1); // a full disk must not silently block the
                                        // requests
            config.setBrokerInstance(folder.toFile());
            config.setJournalDirectory(folder.resolve("journal").toString());
            config.setBindingsDirectory(folder.resolve("bindings").toString());
            config.setPagingDirectory(folder.resolve("paging").toString());
            config.setLargeMessagesDirectory(folder.resolve("large").toString());
            config.addAcceptorConfiguration(acceptor(uri));
            // the queue exists from the start: a request sent before any worker has
            // connected waits in it
            config.addQueueConfiguration(QueueConfiguration.of(PartitionRequest.QUEUE)
                .setAddress(PartitionRequest.QUEUE)
                .setRoutingType(RoutingType.ANYCAST));
            config.addQueueConfiguration(QueueConfiguration.of(PartitionRequest.DEAD_LETTERS)
                .setAddress(PartitionRequest.DEAD_LETTERS)
                .setRoutingType(RoutingType.ANYCAST));
            // a request offered this often without a worker taking it for good is parked,
            // not circled for ever
            config.addAddressSetting("#",
                    new AddressSettings().setRedeliveryDelay(1000)
                        .setMaxDeliveryAttempts(settings.maxDeliveryAttempts())
                        .setDeadLetterAddress(SimpleString.of(PartitionRequest.DEAD_LETTERS)));
            EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
            if (settings.secured()) {
                broker.setSecurityManager(new OneUserSecurityManager(settings.user(), settings.password()));
            }
            broker.start();
            if (!broker.getActiveMQServer().isActive()) {
                broker.stop();
                throw new IllegalStateException("it did not become active");
            }
            server = broker;
            log.info("Embedded broker listening on {}:{} ({}, {})", uri.getHost(), uri.getPort(),
                    settings.secured() ? "user and password required" : "loopback only, no password",
                    settings.tls() ? "TLS" : "no TLS");
        }
        catch (Exception e) {
            throw new IllegalStateException(
                    "the embedded broker cannot listen on " + uri.getHost() + ":" + uri.getPort() + " ("
                            + e.getMessage() + "); is another broker or manager running there? Otherwise set"
                            + " spring.artemis.broker-url to a free port",
                    e);
        }
    }

    /**
     * The acceptor: TLS with the key store when one is set (given as values, so no path
     * needs escaping).
     */
    private TransportConfiguration acceptor(URI uri) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put(TransportConstants.HOST_PROP_NAME, uri.getHost());
        params.put(TransportConstants.PORT_PROP_NAME, uri.getPort());
        if (settings.tls()) {
            params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
            params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, settings.keyStore().toAbsolutePath().toString());
            if (settings.keyStorePassword() != null) {
                params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, settings.keyStorePassword());
            }
        }
        return new TransportConfiguration(NettyAcceptorFactory.class.getName(), params, "partitions");
    }

    /**
     * Artemis reports a port in use with two ERROR lines of its own and a server that is
     * merely not active; trying the port first gives the operator one line that says what
     * is wrong.
     */
    private static void requireFreePort(URI uri) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(uri.getHost(), uri.getPort()));
        }
        catch (IOException e) {
            throw new IllegalStateException("the broker cannot listen on " + uri.getHost() + ":" + uri.getPort() + " ("
                    + e.getMessage() + "); is another broker or manager running there? Otherwise set"
                    + " spring.artemis.broker-url to a free port", e);
        }
    }

    /** tcp://host:port from the broker URL; only that simple form can be listened on. */
    public static URI listenAddress(String brokerUrl) {
        try {
            URI uri = URI.create(brokerUrl.strip().replaceFirst("\\?.*$", ""));
            if ("tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0) {
                return uri;
            }
        }
        catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("spring.artemis.broker-url must be tcp://HOST:PORT for a broker this"
                + " process starts (./run.sh broker, app.renewal.embedded-broker), was \"" + UrlMask.mask(brokerUrl)
                + "\"");
    }

    /** host:port it listens on. */
    public String where() {
        URI uri = listenAddress(brokerUrl);
        return uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public synchronized void destroy() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

}
