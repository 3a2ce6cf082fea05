package dk.udlaendinge.batch.common.batch.partition;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.step.Step;

/**
 * Where a manager step's partitions run: on threads of this process
 * ({@link LocalPartitioning}, the default) or on worker nodes reached through the broker
 * ({@link RemotePartitioning}). The worker steps are the same beans either way; only the
 * hand-over differs.
 */
public interface Partitioning {

    /**
     * The handler for one manager step (a handler belongs to one step: it keeps that
     * step's partitions apart from another's). {@code contract} names the version of the
     * worker step's contract (its context keys, what it reads and writes); a remote
     * worker refuses a request whose contract is not its own.
     */
    PartitionHandler handler(Step workerStep, int gridSize, String contract);

}
