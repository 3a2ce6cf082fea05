package dk.udlaendinge.batch.ops;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dk.udlaendinge.batch.common.batch.RunFiles;
import dk.udlaendinge.batch.common.BadInputException;

/**
 * {@code ./run.sh stop EXECUTION_ID}: finds the live process running that execution and
 * sends it SIGTERM, which stops the job gracefully at its next chunk boundary (it ends
 * STOPPED and can be restarted). Works without opening the database, which that process holds.
 */
final class Stopper {

    private Stopper() {
    }

    static int stop(Invocation inv, Path dataDir) {
        if (inv.positional().isEmpty()) {
            throw new BadInputException("'stop' needs the EXECUTION_ID to stop; ./run.sh status lists them");
        }
        long id = Commands.parseId(inv.positional().get(0));
        Optional<RunFiles.Entry> owner = new RunFiles(dataDir).others().stream()
                .filter(e -> e.executionId() != null && e.executionId() == id).findFirst();
        if (owner.isEmpty()) {
            System.out.println("No live process is running execution " + id + "; ./run.sh status shows its state.");
            return ExitCodes.BAD_USAGE;
        }
        ProcessHandle process = ProcessHandle.of(owner.get().pid()).orElse(null);
        if (process == null || !process.isAlive()) {
            System.out.println("Execution " + id + "'s process has already ended.");
            return ExitCodes.COMPLETED;
        }
        System.out.println("Asking process " + process.pid() + " to stop execution " + id + " gracefully…");
        process.destroy();
        try {
            process.onExit().get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            System.out.println("Process " + process.pid() + " has not ended yet; it stops at its next chunk boundary.");
            return ExitCodes.FAILED;
        }
        System.out.println("Stopped. Continue it with ./run.sh restart " + id);
        return ExitCodes.COMPLETED;
    }
}
