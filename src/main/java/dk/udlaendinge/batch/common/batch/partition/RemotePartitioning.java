package dk.udlaendinge.batch.common.batch.partition;

import java.time.Duration;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.MessageChannel;

/**
 * Partitions on worker nodes: requests over the broker, completion read from the job
 * repository.
 */
public final class RemotePartitioning implements Partitioning {

    private final MessageChannel requests;

    private final JobRepository repository;

    private final JdbcTemplate jdbc;

    private final Duration timeout;

    private final Runnable beforeSend;

    private final String broker;

    /**
     * @param beforeSend run before a step sends its requests: starts the embedded broker,
     * if there is one
     */
    public RemotePartitioning(MessageChannel requests, JobRepository repository, JdbcTemplate jdbc, Duration timeout,
            Runnable beforeSend, String broker) {
        this.broker = broker;
        this.requests = requests;
        this.repository = repository;
        this.jdbc = jdbc;
        this.timeout = timeout;
        this.beforeSend = beforeSend;
    }

    @Override
    public PartitionHandler handler(Step workerStep, int gridSize, String contract) {
        RepositoryPollingPartitionHandler handler = new RepositoryPollingPartitionHandler(workerStep.getName(),
                contract, requests, repository, jdbc, timeout, beforeSend, broker);
        handler.setGridSize(gridSize);
        return handler;
    }

}
