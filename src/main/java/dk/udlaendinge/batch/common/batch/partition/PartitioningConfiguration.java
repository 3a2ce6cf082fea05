package dk.udlaendinge.batch.common.batch.partition;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import dk.udlaendinge.batch.common.batch.LivenessSettings;

/**
 * {@code app.renewal.partitioning}: {@code local} (the default) wires
 * {@link LocalPartitioning} here; {@code remote} wires
 * {@link RemotePartitioningConfiguration}. Either way every worker step records who ran
 * each partition ({@link WorkerStamp}).
 */
@Configuration(proxyBeanMethods = false)
public class PartitioningConfiguration {

    @Bean
    WorkerStamp workerStamp(JobRepository repository, PartitioningSettings partitions, LivenessSettings liveness) {
        String name = partitions.workerName();
        if (name == null) {
            name = partitions.remote() ? liveness.host() + "-" + ProcessHandle.current().pid() : "local";
        }
        return new WorkerStamp(repository, liveness.host(), name);
    }

    /**
     * A run whose manager died waits for partitions still running on workers (remote
     * only) before recovery.
     */
    @Bean
    PartitionsInFlight partitionsInFlight(JobRepository repository, org.springframework.jdbc.core.JdbcTemplate jdbc,
            PartitioningSettings partitions, LivenessSettings liveness) {
        return new PartitionsInFlight(repository, jdbc, liveness.host(), partitions.partitionTimeout());
    }

    @Bean
    @ConditionalOnProperty(name = "app.renewal.partitioning", havingValue = "local", matchIfMissing = true)
    Partitioning localPartitioning(PartitioningSettings partitions) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("partition-");
        // the send step may have more partitions than app.renewal.partitions
        // (app.renewal.send-partitions)
        executor.setConcurrencyLimit(Math.max(partitions.partitions(), partitions.sendPartitions()));
        return new LocalPartitioning(executor);
    }

}
