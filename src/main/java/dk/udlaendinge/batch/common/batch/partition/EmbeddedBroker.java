package dk.udlaendinge.batch.common.batch.partition;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * An ActiveMQ Artemis broker inside the process that runs the job ({@code
 * app.renewal.embedded-broker: true}), or as a process of its own ({@code ./run.sh broker}, for
 * several hosts), listening on {@code spring.artemis.broker-url}'s host and port. It starts when a remote
 * manager step is about to send its first request, not with the application: {@code status},
 * {@code worker} and the rest never open a port. It keeps nothing on disk: a request lost with
 * it is a partition no worker takes, which the manager's timeout reports and a restart sends
 * again. A request that a worker hands back is offered again after a second, without limit.
 */
public final class EmbeddedBroker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final String brokerUrl;
    private final Path folder;
    private EmbeddedActiveMQ server;

    public EmbeddedBroker(String brokerUrl, Path folder) {
        this.brokerUrl = brokerUrl;
        this.folder = folder;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        URI uri = listenAddress(brokerUrl);
        requireFreePort(uri);
        try {
            ConfigurationImpl config = new ConfigurationImpl();
            config.setPersistenceEnabled(false);
            config.setSecurityEnabled(false);
            config.setJMXManagementEnabled(false);
            config.setMaxDiskUsage(-1); // a full disk must not silently block the requests
            config.setBrokerInstance(folder.toFile());
            config.setJournalDirectory(folder.resolve("journal").toString());
            config.setBindingsDirectory(folder.resolve("bindings").toString());
            config.setPagingDirectory(folder.resolve("paging").toString());
            config.setLargeMessagesDirectory(folder.resolve("large").toString());
            config.addAcceptorConfiguration("partitions", "tcp://" + uri.getHost() + ":" + uri.getPort());
            // the queue exists from the start: a request sent before any worker has connected waits in it
            config.addQueueConfiguration(QueueConfiguration.of(PartitionRequest.QUEUE).setAddress(PartitionRequest.QUEUE)
                    .setRoutingType(RoutingType.ANYCAST));
            config.addAddressSetting("#", new AddressSettings().setRedeliveryDelay(1000).setMaxDeliveryAttempts(-1));
            EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
            broker.start();
            if (!broker.getActiveMQServer().isActive()) {
                broker.stop();
                throw new IllegalStateException("it did not become active");
            }
            server = broker;
            log.info("Embedded broker listening on {}:{}", uri.getHost(), uri.getPort());
        } catch (Exception e) {
            throw new IllegalStateException("the embedded broker cannot listen on " + uri.getHost() + ":" + uri.getPort()
                    + " (" + e.getMessage() + "); is another broker or manager running there? Otherwise set"
                    + " spring.artemis.broker-url to a free port", e);
        }
    }

    /**
     * Artemis reports a port in use with two ERROR lines of its own and a server that is merely
     * not active; trying the port first gives the operator one line that says what is wrong.
     */
    private static void requireFreePort(URI uri) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(uri.getHost(), uri.getPort()));
        } catch (IOException e) {
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
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("spring.artemis.broker-url must be tcp://HOST:PORT for a broker this"
                + " process starts (./run.sh broker, app.renewal.embedded-broker), was \"" + brokerUrl + "\"");
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
