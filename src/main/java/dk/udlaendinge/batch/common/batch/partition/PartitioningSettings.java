package dk.udlaendinge.batch.common.batch.partition;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the renewal job's partitions run, from {@code app.renewal.*} (README, "Several
 * machines"). {@code partitions} and {@code sendPartitions} (0: as many as partitions)
 * are how many; {@code partitioning} where: {@code local} on threads of this process,
 * {@code remote} on worker nodes ({@code ./run.sh worker}) that take one request per
 * partition from the broker at {@code spring.artemis.broker-url}; {@code embeddedBroker}
 * starts that broker inside the process that runs the job. A remote partition whose
 * worker shows no progress for {@code partitionTimeout} fails the step (never a hang).
 * The keys stay under {@code app.renewal}, where operators have always set them.
 */
@Validated
@ConfigurationProperties("app.renewal")
public record PartitioningSettings(@Min(value = 1, message = "must be at least 1") @DefaultValue("2") int partitions,
        @Min(value = 0, message = "must be 0 (as many as partitions) or more") @DefaultValue("0") int sendPartitions,
        @NotNull @DefaultValue("local") Mode partitioning, @DefaultValue("false") boolean embeddedBroker,
        @NotNull @DurationMin(seconds = 1,
                message = "must be at least 1s") @DefaultValue("10m") Duration partitionTimeout,
        @Min(value = 1, message = "must be 1 to 64") @Max(value = 64,
                message = "must be 1 to 64") @DefaultValue("1") int workerThreads,
        @NotNull @DurationMin(millis = 100,
                message = "must be at least 100ms") @DefaultValue("30s") Duration brokerConnectTimeout,
        // a worker's name goes into the job repository and the log: a plain word, no
        // personal data
        @Pattern(regexp = "[A-Za-z0-9._-]{1,40}",
                message = "must be 1 to 40 letters, digits, '.', '_' or '-'") String workerName) {

    /** {@code app.renewal.partitioning}: written in lower case in the settings. */
    public enum Mode {

        LOCAL, REMOTE

    }

    public PartitioningSettings {
        workerName = workerName == null || workerName.isBlank() ? null : workerName.strip();
    }

    public boolean remote() {
        return partitioning == Mode.REMOTE;
    }

    /**
     * The mode as operators write it and as the benchmark prints it: {@code local} or
     * {@code remote}.
     */
    public String partitioningName() {
        return partitioning.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The send step's partitions: {@code sendPartitions}, or as many as
     * {@code partitions} when 0.
     */
    public int effectiveSendPartitions() {
        return sendPartitions > 0 ? sendPartitions : partitions;
    }
}
