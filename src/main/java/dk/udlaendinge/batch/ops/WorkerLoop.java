package dk.udlaendinge.batch.ops;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dk.udlaendinge.batch.common.batch.partition.PartitioningSettings;
import dk.udlaendinge.batch.common.batch.partition.WorkerNode;
import dk.udlaendinge.batch.notice.RenewalNoticeJobConfiguration;

/**
 * What {@code ./run.sh worker} ({@link WorkerCommand}) runs: a worker node for the
 * renewal job's remote partitions. It waits a bounded time for the broker (exit 2 if it
 * never answers), then takes partition requests until SIGTERM, which ends the partitions
 * in hand at their next chunk boundary (they end STOPPED and the manager's run can be
 * restarted). A broker that goes away and comes back costs one line each way, not the
 * process. A message it must not run (no request, another release's contract, another
 * database than the manager's, a forged token) costs one line and goes to the dead-letter
 * queue; the worker goes on (PartitionRequestReceiver).
 */
@Component
public class WorkerLoop {

    private static final Logger log = LoggerFactory.getLogger(WorkerLoop.class);

    private static final Duration STOP_GRACE = Duration.ofMinutes(4);

    private final PartitioningSettings partitions;

    private final ObjectProvider<WorkerNode> nodes;

    private final PrintStream out = System.out;

    private final PrintStream err = System.err;

    private final CountDownLatch stop = new CountDownLatch(1);

    public WorkerLoop(PartitioningSettings partitions, ObjectProvider<WorkerNode> nodes) {
        this.partitions = partitions;
        this.nodes = nodes;
    }

    public int run() {
        WorkerNode node = nodes.getIfAvailable();
        if (!partitions.remote() || node == null) {
            err.println("error: ./run.sh worker needs app.renewal.partitioning: remote (and spring.artemis.broker-url);"
                    + " with local the job runs its partitions itself");
            return ExitCodes.BAD_USAGE;
        }
        Duration connect = partitions.brokerConnectTimeout();
        StringBuilder why = new StringBuilder();
        if (!node.awaitBroker(connect, why)) {
            err.println("error: the broker at " + node.brokerUrl() + " cannot be reached within " + connect.toSeconds()
                    + " s (" + why + "); start the manager (with app.renewal.embedded-broker: true) or the broker"
                    + " first, or correct spring.artemis.broker-url");
            return ExitCodes.BAD_USAGE;
        }
        Thread hook = new Thread(stop::countDown, "worker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            node.start();
            out.println("Worker " + node.name() + " on " + node.host() + " (pid " + ProcessHandle.current().pid()
                    + ") takes partitions of " + RenewalNoticeJobConfiguration.JOB + " from " + node.brokerUrl()
                    + "; stop it with SIGTERM");
            return watch(node);
        }
        finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (IllegalStateException shuttingDown) {
                // SIGTERM: the hook has run
            }
        }
    }

    /** Until SIGTERM: reports the broker going away and coming back, once each. */
    private int watch(WorkerNode node) {
        boolean away = false;
        long nextProbe = 0;
        try {
            while (!stop.await(300, TimeUnit.MILLISECONDS)) {
                // the listener may report a connection lost once more while it reconnects
                // by itself: only
                // a broker that does not answer now has gone away
                if (node.takeConnectionLost() && !away && node.probe() != null) {
                    away = true;
                    log.info("Broker at {} went away", node.brokerUrl());
                    out.println("The broker at " + node.brokerUrl() + " went away; reconnecting when it is back"
                            + " (the " + node.inHand() + " partition(s) in hand go on)");
                }
                if (away && System.nanoTime() > nextProbe) {
                    nextProbe = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                    if (node.probe() == null) {
                        away = false;
                        log.info("Broker at {} is back", node.brokerUrl());
                        out.println("The broker at " + node.brokerUrl() + " is back; taking partition requests again");
                    }
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println("SIGTERM: no new partitions; the " + node.inHand() + " in hand stop at their next chunk boundary");
        if (!node.stop(STOP_GRACE)) {
            err.println("error: a partition did not stop within " + STOP_GRACE.toMinutes() + " minutes; the manager's"
                    + " timeout fails it and ./run.sh restart runs it again");
            return ExitCodes.FAILED;
        }
        return ExitCodes.COMPLETED;
    }

}
