package dk.udlaendinge.batch.common.batch.partition;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;

/**
 * The worker side: takes one partition request from the broker and runs the worker step
 * through Spring Batch Integration's {@link StepExecutionRequestHandler}. Before that it
 * checks what a wrong setup would otherwise turn into silent damage:
 * <ul>
 * <li>the request's contract is this worker's own (same release of the job on every
 * node);</li>
 * <li>the partition, with the token the manager wrote into it, is in this worker's
 * database (the same job repository as the manager's);</li>
 * <li>the partition is still waiting for a worker. A request can arrive twice (the broker
 * redelivers what a killed worker had not acknowledged): a partition another worker has
 * started, or the manager has given up, is not run again. The job repository decides, not
 * the broker.</li>
 * </ul>
 * A message that is no request, or fails either of the first two checks, is taken off the
 * queue and moved to the dead-letter queue {@value PartitionRequest#DEAD_LETTERS} with
 * one log line that says why: never run, never handed back (where it would stop every
 * worker in turn), never the end of this worker. A request meant for this setup that
 * lands there (a worker of another release, or on another database) leaves its partition
 * untaken, which the manager's timeout reports; the worker's line names the fix.
 */
public final class PartitionRequestReceiver {

    private static final Logger log = LoggerFactory.getLogger(PartitionRequestReceiver.class);

    private final JobRepository repository;

    private final StepExecutionRequestHandler handler;

    private final Map<String, String> contracts;

    private final String database;

    private final DeadLetters deadLetters;

    private final AtomicInteger inHand = new AtomicInteger();

    private volatile boolean closing;

    /**
     * @param contracts the worker steps this node runs, each with its contract
     * @param database the database this worker uses, as an operator would name it (no
     * credentials)
     */
    public PartitionRequestReceiver(JobRepository repository, StepExecutionRequestHandler handler,
            Map<String, String> contracts, String database, DeadLetters deadLetters) {
        this.repository = repository;
        this.handler = handler;
        this.contracts = Map.copyOf(contracts);
        this.database = database;
        this.deadLetters = deadLetters;
    }

    /**
     * Moves a refused message to {@value PartitionRequest#DEAD_LETTERS}, with the reason.
     */
    @FunctionalInterface
    public interface DeadLetters {

        void park(Object payload, String reason);

    }

    public void handle(Object payload) {
        if (closing) {
            throw new WorkerRefusedException("this worker is stopping; the request goes back to the queue");
        }
        PartitionRequest request;
        try {
            request = PartitionRequest.fromMap(payload);
        }
        catch (IllegalArgumentException e) {
            // hostile or stray input on the queue: parked (acknowledged), nothing run
            park(payload, e.getMessage());
            return;
        }
        String mine = contracts.get(request.stepName());
        if (mine == null || !mine.equals(request.contract())) {
            park(payload, "a request for " + request.stepName() + " of contract " + request.contract()
                    + ", but this worker runs " + (mine == null ? "no such step" : "contract " + mine)
                    + ": if a manager sent it, run the same release of udlaendinge-batch on the manager and every worker");
            return;
        }
        StepExecution partition = find(request.stepExecutionId());
        if (partition == null || partition.getJobExecutionId() != request.jobExecutionId()
                || !java.security.MessageDigest.isEqual(
                        request.token().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        partition.getExecutionContext()
                            .getString(PartitionRequest.TOKEN, "")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            park(payload, "this worker's database (" + database + ") is not the manager's: it does not hold partition "
                    + request.stepName() + " (step execution " + request.stepExecutionId() + " of job execution "
                    + request.jobExecutionId() + ") with that token; if a manager sent it, give the manager and every"
                    + " worker the same spring.datasource.url");
            return;
        }
        if (partition.getStatus() != BatchStatus.STARTING) {
            log.info("Partition {} (step execution {}) is {} already: request dropped", partition.getStepName(),
                    partition.getId(), partition.getStatus());
            return;
        }
        inHand.incrementAndGet();
        try {
            log.info("Running partition {} (step execution {} of job execution {})", partition.getStepName(),
                    partition.getId(), request.jobExecutionId());
            StepExecution done = handler
                .handle(new StepExecutionRequest(request.stepName(), request.stepExecutionId()));
            if (done.getStatus() == org.springframework.batch.core.BatchStatus.COMPLETED) {
                log.info("Partition {} ended {}: read {}, written {}, skipped {}", done.getStepName(), done.getStatus(),
                        done.getReadCount(), done.getWriteCount(), done.getSkipCount());
            }
            else {
                // the worker's console keeps no step ERROR lines
                // (ops.StepErrorsOffConsole): say it here, once
                log.warn(
                        "Partition {} ended {}: read {}, written {}, skipped {}; the manager reports why and the log"
                                + " file has Spring Batch's lines",
                        done.getStepName(), done.getStatus(), done.getReadCount(), done.getWriteCount(),
                        done.getSkipCount());
            }
        }
        finally {
            inHand.decrementAndGet();
        }
    }

    /**
     * The JDBC repository answers an id it does not hold with "Incorrect result size",
     * not null.
     */
    private StepExecution find(long stepExecutionId) {
        try {
            return repository.getStepExecution(stepExecutionId);
        }
        catch (org.springframework.dao.EmptyResultDataAccessException e) {
            return null;
        }
    }

    /**
     * One line, and the message off the queue: it quotes nothing of the message's content
     * but ids and names.
     */
    private void park(Object payload, String reason) {
        log.warn("A message on {} was refused and moved to {}: {}", PartitionRequest.QUEUE,
                PartitionRequest.DEAD_LETTERS, reason);
        deadLetters.park(payload, reason);
    }

    /** From now on every request goes back to the queue. */
    public void close() {
        closing = true;
    }

    /** Requests being run now. */
    public int inHand() {
        return inHand.get();
    }

    /**
     * Thrown while this worker stops, so that the broker gives the request to another.
     */
    public static final class WorkerRefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        WorkerRefusedException(String message) {
            super(message);
        }

    }

}
