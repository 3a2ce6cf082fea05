package dk.udlaendinge.batch.ops;

import dk.udlaendinge.batch.common.BadInputException;

/**
 * {@code ./run.sh stop EXECUTION_ID}: SIGTERM to the live process running that execution,
 * which stops the job gracefully at its next chunk boundary (see {@link Stopper}).
 */
public final class StopCommand implements Command {

    @Override
    public String name() {
        return "stop";
    }

    @Override
    public String summary() {
        return "ask a running execution to stop gracefully (it can be restarted)";
    }

    @Override
    public String positional() {
        return "EXECUTION_ID";
    }

    @Override
    public Runs runs() {
        return Runs.WITHOUT_APPLICATION;
    }

    @Override
    public void check(Invocation inv) {
        Command.super.check(inv);
        executionId(inv);
    }

    @Override
    public int run(Invocation inv, CommandContext context) {
        return Stopper.signal(executionId(inv), context.dataDir(), context.out(), true);
    }

    private static long executionId(Invocation inv) {
        if (inv.positional().isEmpty()) {
            throw new BadInputException("'stop' needs the EXECUTION_ID to stop; ./run.sh status lists them");
        }
        return RestartCommand.parseId(inv.positional().get(0));
    }
}
