package dk.udlaendinge.batch.ops;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dk.udlaendinge.batch.common.BadInputException;
import dk.udlaendinge.batch.common.batch.RunFiles;

/**
 * {@code ./run.sh stop EXECUTION_ID}: finds the live process running that execution and
 * sends it SIGTERM, which stops the job gracefully at its next chunk boundary (it ends
 * STOPPED and can be restarted). Works without opening the database, which that process holds.
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
        long id = executionId(inv);
        Optional<RunFiles.Entry> owner = new RunFiles(context.dataDir()).others().stream()
                .filter(e -> e.executionId() != null && e.executionId() == id).findFirst();
        if (owner.isEmpty()) {
            context.out().println("No live process is running execution " + id + "; ./run.sh status shows its state.");
            return ExitCodes.BAD_USAGE;
        }
        ProcessHandle process = ProcessHandle.of(owner.get().pid()).orElse(null);
        if (process == null || !process.isAlive()) {
            context.out().println("Execution " + id + "'s process has already ended.");
            return ExitCodes.COMPLETED;
        }
        context.out().println("Asking process " + process.pid() + " to stop execution " + id + " gracefully…");
        process.destroy();
        try {
            process.onExit().get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            context.out().println("Process " + process.pid() + " has not ended yet; it stops at its next chunk boundary.");
            return ExitCodes.FAILED;
        }
        context.out().println("Stopped. Continue it with ./run.sh restart " + id);
        return ExitCodes.COMPLETED;
    }

    private static long executionId(Invocation inv) {
        if (inv.positional().isEmpty()) {
            throw new BadInputException("'stop' needs the EXECUTION_ID to stop; ./run.sh status lists them");
        }
        return RestartCommand.parseId(inv.positional().get(0));
    }
}
