package dk.udlaendinge.batch.ops;

import java.util.concurrent.Callable;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import picocli.CommandLine.Command;

/**
 * {@code ./run.sh worker}: a worker node for the renewal job's remote partitions
 * ({@code app.renewal.partitioning: remote}); it runs until SIGTERM. See
 * {@link WorkerLoop}.
 */
@Component
@Scope("prototype")
@Command(name = "worker",
        description = "a worker node: runs the renewal job's partitions from the broker (app.renewal.partitioning: remote)")
final class WorkerCommand implements Callable<Integer> {

    private final WorkerLoop loop;

    WorkerCommand(WorkerLoop loop) {
        this.loop = loop;
    }

    @Override
    public Integer call() {
        return loop.run();
    }

}
