package dk.udlaendinge.batch.ops;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;

import dk.udlaendinge.batch.common.batch.RunFiles;
import dk.udlaendinge.batch.common.batch.RunningJobs;

/**
 * Stopping an execution, for {@code ./run.sh stop EXECUTION_ID} ({@link StopCommand}) and the
 * console alike: finds the live process running that execution and sends it SIGTERM, which stops the job gracefully at its next chunk boundary (it ends
 * STOPPED and can be restarted). Works without opening the database, which that process holds.
 * The console, inside the daemon, stops an execution of its own process the way SIGTERM does
 * ({@link JobOperator#stop}), and one of another process by the same signal as the command.
 */
public final class Stopper {

    private Stopper() {
    }

    /**
     * Stops execution {@code id} from inside a running application (the console): at its next
     * chunk boundary if this process runs it, else by SIGTERM to the live process that does.
     * Returns an exit code as the command's; what happened is printed on {@code out}.
     */
    public static int stop(long id, Path dataDir, RunningJobs running, JobOperator operator, PrintStream out) {
        Optional<JobExecution> here = running.live().stream().filter(e -> e.getId() == id).findFirst();
        if (here.isEmpty()) {
            return signal(id, dataDir, out, false);
        }
        try {
            operator.stop(here.get());
        } catch (Exception e) {
            out.println("Execution " + id + " could not be stopped: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        out.println("Execution " + id + " stops at its next chunk boundary; it ends STOPPED and can be restarted.");
        return ExitCodes.COMPLETED;
    }

    /**
     * Sends SIGTERM to the live process running execution {@code id} (found by its run file,
     * without opening the database that process holds); {@code waitForExit} waits up to five
     * minutes for it to reach its chunk boundary and end.
     */
    static int signal(long id, Path dataDir, PrintStream out, boolean waitForExit) {
        Optional<RunFiles.Entry> owner = new RunFiles(dataDir).others().stream()
                .filter(e -> e.executionId() != null && e.executionId() == id).findFirst();
        if (owner.isEmpty()) {
            out.println("No live process is running execution " + id + "; ./run.sh status shows its state.");
            return ExitCodes.BAD_USAGE;
        }
        ProcessHandle process = ProcessHandle.of(owner.get().pid()).orElse(null);
        if (process == null || !process.isAlive()) {
            out.println("Execution " + id + "'s process has already ended.");
            return ExitCodes.COMPLETED;
        }
        out.println("Asking process " + process.pid() + " to stop execution " + id + " gracefully…");
        process.destroy();
        if (!waitForExit) {
            return ExitCodes.COMPLETED; // a web request does not wait minutes for a chunk boundary
        }
        try {
            process.onExit().get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            out.println("Process " + process.pid() + " has not ended yet; it stops at its next chunk boundary.");
            return ExitCodes.FAILED;
        }
        out.println("Stopped. Continue it with ./run.sh restart " + id);
        return ExitCodes.COMPLETED;
    }
}
