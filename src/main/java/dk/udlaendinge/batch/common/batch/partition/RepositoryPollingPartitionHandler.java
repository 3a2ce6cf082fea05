package dk.udlaendinge.batch.common.batch.partition;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import dk.udlaendinge.batch.common.UrlMask;

/**
 * The manager side of remote partitioning: one request per partition to the broker, then
 * the job repository is polled until every partition has finished (no reply queue that
 * could lose an answer). Spring Batch Integration's own
 * {@code MessageChannelPartitionHandler} does the same with one wall-clock limit for the
 * whole step and a bare {@code TimeoutException}; this one watches each partition
 * instead: a partition whose worker shows no progress (its step execution's version stops
 * moving) for {@code timeout}, or that no worker takes while none of the step's
 * partitions moves, is lost. Once the others have finished, the lost ones are marked
 * FAILED (which also fences a worker that was only slow: its next update meets a newer
 * version and fails) and the step fails with a message naming each partition and its last
 * worker. Progress is judged by this process's clock alone, so hosts need not agree on
 * time.
 */
public final class RepositoryPollingPartitionHandler extends AbstractPartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(RepositoryPollingPartitionHandler.class);

    private final String workerStepName;

    private final String contract;

    private final MessageChannel requests;

    private final JobRepository repository;

    private final JdbcTemplate jdbc;

    private final Duration timeout;

    private final Duration pollInterval;

    private final Runnable beforeSend;

    private final String broker;

    /**
     * @param broker where the requests go ({@code spring.artemis.broker-url}), for the
     * message when it is not there
     */
    public RepositoryPollingPartitionHandler(String workerStepName, String contract, MessageChannel requests,
            JobRepository repository, JdbcTemplate jdbc, Duration timeout, Runnable beforeSend, String broker) {
        this.broker = broker;
        this.workerStepName = workerStepName;
        this.contract = contract;
        this.requests = requests;
        this.repository = repository;
        this.jdbc = jdbc;
        this.timeout = timeout;
        // often enough to notice the end quickly, rarely enough to cost the database
        // nothing
        this.pollInterval = Duration.ofMillis(Math.max(100, Math.min(1000, timeout.toMillis() / 10)));
        this.beforeSend = beforeSend;
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        if (partitions.isEmpty()) {
            return partitions;
        }
        beforeSend.run();
        List<StepExecution> ordered = partitions.stream()
            .sorted(Comparator.comparing(StepExecution::getStepName))
            .toList();
        for (StepExecution partition : ordered) {
            String token = UUID.randomUUID().toString();
            WorkerStamp.clear(partition.getExecutionContext()); // a restart copies the
                                                                // earlier worker's stamp
            partition.getExecutionContext().putString(PartitionRequest.TOKEN, token);
            partition.getExecutionContext().putString(PartitionRequest.CONTRACT, contract);
            repository.updateExecutionContext(partition); // saved before the request can
                                                          // reach a worker
            try {
                requests.send(MessageBuilder
                    .withPayload(new PartitionRequest(workerStepName, partition.getId(), manager.getJobExecutionId(),
                            contract, token)
                        .toMap())
                    .build());
            }
            catch (MessagingException unreachable) {
                // the JMS client's own words ("AMQ219007: Cannot connect to server(s)")
                // name neither the broker nor the
                // fix; the run's reason is the deepest cause's message, so the cause goes
                // to the log, not into the chain
                log.warn("Sending a partition request to {} failed", broker, UrlMask.maskedCopy(unreachable));
                throw new IllegalStateException("the broker for remote partitions at " + broker + " cannot be reached ("
                        + UrlMask.mask(rootCause(unreachable).getMessage()) + "); start it (./run.sh broker) or correct"
                        + " spring.artemis.broker-url, then ./run.sh restart");
            }
        }
        log.info("{}: {} partition requests sent to the workers; waiting (no progress for {} fails a partition)",
                manager.getStepName(), ordered.size(), timeout);
        return await(manager, ordered);
    }

    /**
     * What the poll last saw of one partition, and when (this process's clock) it last
     * moved.
     */
    private record Seen(String status, long version, long changedAt) {
    }

    private Set<StepExecution> await(StepExecution manager, List<StepExecution> partitions) throws Exception {
        Map<Long, String> names = partitions.stream()
            .collect(Collectors.toMap(StepExecution::getId, StepExecution::getStepName));
        Map<Long, Seen> seen = new HashMap<>();
        long stepMovedAt = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            for (Map.Entry<Long, Seen> row : poll(names.keySet()).entrySet()) {
                Seen before = seen.get(row.getKey());
                Seen after = row.getValue();
                if (before == null || !before.status().equals(after.status()) || before.version() != after.version()) {
                    seen.put(row.getKey(), new Seen(after.status(), after.version(), now));
                    stepMovedAt = before == null ? stepMovedAt : now;
                }
            }
            if (jobIsStopping(manager)) {
                stopUnclaimed(seen);
            }
            List<Long> lost = new ArrayList<>();
            boolean waiting = false;
            for (Map.Entry<Long, Seen> e : seen.entrySet()) {
                String status = e.getValue().status();
                boolean idleTooLong = now - e.getValue().changedAt() > timeout.toNanos();
                if (status.equals("STARTING")) {
                    // queued behind other partitions is fine while the step moves; not
                    // when nothing does
                    if (now - stepMovedAt > timeout.toNanos() && idleTooLong) {
                        lost.add(e.getKey());
                    }
                    else {
                        waiting = true;
                    }
                }
                else if (BatchStatus.valueOf(status).isRunning()) {
                    if (idleTooLong) {
                        lost.add(e.getKey());
                    }
                    else {
                        waiting = true;
                    }
                }
            }
            if (!waiting && seen.size() == names.size()) {
                if (lost.isEmpty()) {
                    Set<StepExecution> finished = new LinkedHashSet<>();
                    for (Long id : names.keySet()) {
                        finished.add(repository.getStepExecution(id));
                    }
                    return finished;
                }
                List<String> reasons = failLost(lost, names);
                if (reasons != null) {
                    throw new PartitionLostException(
                            String.join("; ", reasons) + " (app.renewal.partition-timeout " + timeout.toSeconds()
                                    + " s); ./run.sh restart runs " + (lost.size() == 1 ? "it" : "them") + " again");
                }
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    private Map<Long, Seen> poll(Set<Long> ids) {
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        Map<Long, Seen> rows = new HashMap<>();
        jdbc.query("SELECT STEP_EXECUTION_ID, STATUS, VERSION FROM BATCH_STEP_EXECUTION WHERE STEP_EXECUTION_ID IN ("
                + in + ")", rs -> {
                    rows.put(rs.getLong(1), new Seen(rs.getString(2), rs.getLong(3), 0));
                });
        return rows;
    }

    private boolean jobIsStopping(StepExecution manager) {
        String status = jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                String.class, manager.getJobExecutionId());
        return "STOPPING".equals(status) || "STOPPED".equals(status);
    }

    /**
     * The run is being stopped: partitions no worker has taken end STOPPED now instead of
     * waiting for one.
     */
    private void stopUnclaimed(Map<Long, Seen> seen) {
        seen.forEach((id, s) -> {
            if (s.status().equals("STARTING")) {
                mark(id, BatchStatus.STOPPED, ExitStatus.STOPPED.addExitDescription("stopped before a worker took it"));
            }
        });
    }

    /**
     * Marks the lost partitions FAILED, each with the reason, and returns the reasons;
     * null if one of them moved meanwhile (a worker was only slow and has just
     * committed): the poll goes on.
     */
    private List<String> failLost(List<Long> lost, Map<Long, String> names) {
        List<String> reasons = new ArrayList<>();
        for (Long id : lost) {
            StepExecution partition = repository.getStepExecution(id);
            String worker = partition == null ? null : WorkerStamp.describe(partition.getExecutionContext());
            String reason = "partition " + names.get(id)
                    + (worker == null
                            ? " was taken by no worker (is one running? ./run.sh worker; or its request was lost with a"
                                    + " restarted broker)"
                            : " made no progress for " + timeout.toSeconds() + " s on its last worker, " + worker);
            if (!mark(id, BatchStatus.FAILED, ExitStatus.FAILED.addExitDescription(reason))) {
                return null;
            }
            reasons.add(reason);
        }
        return reasons;
    }

    private boolean mark(long id, BatchStatus status, ExitStatus exit) {
        try {
            StepExecution partition = repository.getStepExecution(id);
            if (partition == null
                    || !(partition.getStatus().isRunning() || partition.getStatus() == BatchStatus.STARTING)) {
                return partition != null && partition.getStatus() == status;
            }
            partition.setStatus(status);
            partition.setExitStatus(exit);
            partition.setEndTime(LocalDateTime.now());
            repository.update(partition);
            return true;
        }
        catch (OptimisticLockingFailureException moved) {
            return false;
        }
    }

    /** A partition that no worker finished in time. */
    public static final class PartitionLostException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        PartitionLostException(String message) {
            super(message);
        }

    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

}
