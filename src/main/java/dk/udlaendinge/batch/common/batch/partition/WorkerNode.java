package dk.udlaendinge.batch.common.batch.partition;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.Lifecycle;
import dk.udlaendinge.batch.common.UrlMask;

/**
 * A worker node's life: wait (a bounded time) for the broker, take partition requests,
 * notice the broker going away and coming back (the listener container reconnects by
 * itself; the partitions in hand go on, they need only the database), and stop: no new
 * request, the partitions in hand end at their next chunk boundary (STOPPED,
 * restartable).
 */
public final class WorkerNode {

    private static final Logger log = LoggerFactory.getLogger(WorkerNode.class);

    private final ConnectionFactory connections;

    private final String brokerUrl;

    private final Supplier<Lifecycle> inbound;

    private final PartitionRequestReceiver receiver;

    private final WorkerStamp stamp;

    private final AtomicBoolean connectionLost = new AtomicBoolean();

    public WorkerNode(ConnectionFactory connections, String brokerUrl, Supplier<Lifecycle> inbound,
            PartitionRequestReceiver receiver, WorkerStamp stamp) {
        this.connections = connections;
        this.brokerUrl = brokerUrl;
        this.inbound = inbound;
        this.receiver = receiver;
        this.stamp = stamp;
    }

    /**
     * The broker URL as it may be printed and logged: its password and secret parameters
     * masked.
     */
    public String brokerUrl() {
        return UrlMask.mask(brokerUrl);
    }

    public String name() {
        return stamp.name();
    }

    public String host() {
        return stamp.host();
    }

    /** Tries the broker until it answers; false if it did not within {@code limit}. */
    public boolean awaitBroker(Duration limit, StringBuilder lastError) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String error = probe();
            if (error == null) {
                return true;
            }
            lastError.setLength(0);
            lastError.append(error);
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(Math.min(500, Math.max(50, limit.toMillis() / 10)));
        }
    }

    /** Null if a connection to the broker opens now, else why not. */
    public String probe() {
        try (Connection c = connections.createConnection()) {
            c.start();
            return null;
        }
        catch (JMSException | RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : UrlMask.mask(e.getMessage());
        }
    }

    public void start() {
        inbound.get().start();
    }

    /** Called by the listener container when the connection fails. */
    public void connectionLost(JMSException e) {
        if (connectionLost.compareAndSet(false, true)) {
            log.debug("Broker connection lost", e);
        }
    }

    /**
     * True once after the connection was lost; the caller reports it and watches for the
     * broker's return.
     */
    public boolean takeConnectionLost() {
        return connectionLost.getAndSet(false);
    }

    /**
     * Stops taking requests and lets the partitions in hand end at their next chunk
     * boundary.
     */
    public boolean stop(Duration grace) {
        receiver.close();
        try {
            inbound.get().stop();
        }
        catch (RuntimeException e) {
            log.warn("Stopping the request listener: {}", e.getMessage());
        }
        for (StepExecution partition : stamp.live()) {
            log.info("Stopping partition {} (step execution {}) at its next chunk boundary", partition.getStepName(),
                    partition.getId());
            partition.setTerminateOnly();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (receiver.inHand() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            stamp.live().forEach(StepExecution::setTerminateOnly); // one that started
                                                                   // while stopping
            sleep(100);
        }
        return true;
    }

    /** Partitions running here now. */
    public int inHand() {
        return receiver.inHand();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
