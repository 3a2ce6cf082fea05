package dk.udlaendinge.batch.ops;

/**
 * {@code ./run.sh worker}: a worker node for the renewal job's remote partitions
 * ({@code app.renewal.partitioning: remote}); it runs until SIGTERM. See {@link WorkerLoop}.
 */
public final class WorkerCommand implements Command {

    @Override
    public String name() {
        return "worker";
    }

    @Override
    public String summary() {
        return "a worker node: runs the renewal job's partitions from the broker (app.renewal.partitioning: remote)";
    }

    @Override
    public int run(Invocation inv, CommandContext context) {
        return context.bean(WorkerLoop.class).run();
    }
}
