package dk.udlaendinge.batch.common.batch.partition;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.core.task.TaskExecutor;

/**
 * Partitions on a pool of threads in this process: one machine, no broker (the default).
 */
public final class LocalPartitioning implements Partitioning {

    private final TaskExecutor executor;

    public LocalPartitioning(TaskExecutor executor) {
        this.executor = executor;
    }

    @Override
    public PartitionHandler handler(Step workerStep, int gridSize, String contract) {
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(workerStep);
        handler.setTaskExecutor(executor);
        handler.setGridSize(gridSize);
        return handler;
    }

}
