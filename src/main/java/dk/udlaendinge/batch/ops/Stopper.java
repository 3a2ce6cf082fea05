package dk.udlaendinge.batch.ops;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;

import dk.udlaendinge.batch.common.batch.RunFiles;
import dk.udlaendinge.batch.common.batch.RunningJobs;

/**
 * Stopping an execution, for {@code ./run.sh stop EXECUTION_ID} ({@link StopCommand}) and
 * the console alike: finds the live process running that execution by its run file and
 * has it stop the job at its next chunk boundary (it ends STOPPED and can be restarted).
 * A process that runs one command gets SIGTERM; the daemon gets a stop request and keeps
 * running, so a stop never takes the console and the schedule with it. Works without
 * opening the database, which that process holds. The console, inside the daemon, stops
 * an execution of its own process directly ({@link JobOperator#stop}).
 */
public final class Stopper {

    private static final Logger log = LoggerFactory.getLogger(Stopper.class);

    private Stopper() {
    }

    /**
     * Stops execution {@code id} from inside a running application (the console): at its
     * next chunk boundary if this process runs it, else by SIGTERM to the live process
     * that does. Returns an exit code as the command's; what happened is printed on
     * {@code out}.
     */
    public static int stop(long id, Path dataDir, RunningJobs running, JobOperator operator, PrintStream out) {
        Optional<JobExecution> here = running.live().stream().filter(e -> e.getId() == id).findFirst();
        if (here.isEmpty()) {
            return signal(id, dataDir, out, false);
        }
        try {
            operator.stop(here.get());
        }
        catch (Exception e) {
            out.println("Execution " + id + " could not be stopped: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        out.println("Execution " + id + " stops at its next chunk boundary; it ends STOPPED and can be restarted.");
        return ExitCodes.COMPLETED;
    }

    /**
     * Stops execution {@code id} in the live process that runs it, found by its run file
     * (without opening the database that process holds). A daemon is asked by a stop
     * request ({@link RunFiles#requestStop}) and keeps running, console and schedule
     * included; any other process runs that one command and gets SIGTERM. An execution no
     * live process runs is not signalled at all (exit 2): a run file names an execution
     * only while it runs. {@code waitForExit} waits up to five minutes for the execution
     * to reach its chunk boundary and end.
     */
    static int signal(long id, Path dataDir, PrintStream out, boolean waitForExit) {
        RunFiles runFiles = new RunFiles(dataDir);
        Optional<RunFiles.Entry> owner = runningIt(runFiles, id);
        if (owner.isEmpty()) {
            out.println("Execution " + id + " is not running in any process on this host, so there is nothing to stop;"
                    + " ./run.sh status shows its state.");
            return ExitCodes.BAD_USAGE;
        }
        if (DAEMON.equals(owner.get().command())) {
            return askDaemon(runFiles, owner.get(), id, out, waitForExit);
        }
        ProcessHandle process = ProcessHandle.of(owner.get().pid()).orElse(null);
        if (process == null || !process.isAlive()) {
            out.println("Execution " + id
                    + " is not running: its process has just ended; ./run.sh status shows its state.");
            return ExitCodes.BAD_USAGE;
        }
        out.println("Asking process " + process.pid() + " to stop execution " + id + " gracefully…");
        process.destroy();
        if (!waitForExit) {
            return ExitCodes.COMPLETED; // a web request does not wait minutes for a chunk
                                        // boundary
        }
        try {
            process.onExit().get(5, TimeUnit.MINUTES);
        }
        catch (Exception e) {
            out.println("Process " + process.pid() + " has not ended yet; it stops at its next chunk boundary.");
            return ExitCodes.FAILED;
        }
        out.println("Stopped. Continue it with ./run.sh restart " + id);
        return ExitCodes.COMPLETED;
    }

    /** The command name of the process that keeps running ({@link DaemonCommand}). */
    static final String DAEMON = "daemon";

    /** How long a daemon may take to pick up a stop request: it looks every second. */
    private static final Duration DAEMON_TAKES_REQUEST = Duration.ofSeconds(30);

    private static Optional<RunFiles.Entry> runningIt(RunFiles runFiles, long id) {
        return runFiles.others().stream().filter(e -> e.executionId() != null && e.executionId() == id).findFirst();
    }

    private static int askDaemon(RunFiles runFiles, RunFiles.Entry daemon, long id, PrintStream out,
            boolean waitForExit) {
        Path request;
        try {
            request = runFiles.requestStop(daemon, id);
        }
        catch (RuntimeException e) {
            out.println("Execution " + id + " could not be stopped: the request to the daemon (process " + daemon.pid()
                    + ") could not be written: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        out.println("Asking the daemon (process " + daemon.pid() + ") to stop execution " + id
                + " at its next chunk boundary; the daemon itself keeps running…");
        if (!waitForExit) {
            return ExitCodes.COMPLETED;
        }
        long deadline = System.nanoTime() + DAEMON_TAKES_REQUEST.toNanos();
        while (Files.exists(request) && System.nanoTime() < deadline && ProcessHandle.of(daemon.pid()).isPresent()) {
            pause();
        }
        if (Files.exists(request)) {
            try {
                Files.deleteIfExists(request);
            }
            catch (java.io.IOException ignored) {
                // the daemon ignores a request for an execution it does not run
            }
            out.println("The daemon (process " + daemon.pid() + ") did not take the request within "
                    + DAEMON_TAKES_REQUEST.toSeconds() + " s; execution " + id
                    + " was not stopped. Its console can stop it.");
            return ExitCodes.FAILED;
        }
        deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (runningIt(runFiles, id).isPresent()) {
            if (System.nanoTime() > deadline) {
                out.println("Execution " + id + " has not ended yet; it stops at its next chunk boundary.");
                return ExitCodes.FAILED;
            }
            pause();
        }
        out.println("Execution " + id + " has ended; the daemon keeps running. If it STOPPED (./run.sh status),"
                + " continue it with ./run.sh restart " + id);
        return ExitCodes.COMPLETED;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the stop", e);
        }
    }

    /**
     * In a daemon, once a second: acts on the stop requests other processes left for it
     * ({@link RunFiles#requestStop}). An execution it runs stops at its next chunk
     * boundary; a request for one it does not run (it ended meanwhile) is dropped. The
     * daemon keeps running.
     */
    static void takeStopRequests(RunFiles runFiles, RunningJobs running, JobOperator operator) {
        for (long id : runFiles.stopRequests()) {
            Optional<JobExecution> here = running.live().stream().filter(e -> e.getId() == id).findFirst();
            if (here.isPresent()) {
                try {
                    operator.stop(here.get());
                    log.info("Execution {} stops at its next chunk boundary, as ./run.sh stop asked", id);
                }
                catch (Exception e) {
                    log.warn("Execution {} could not be stopped: {}", id, e.getMessage());
                }
            }
            else {
                log.info("./run.sh stop asked for execution {}, which does not run here (any more)", id);
            }
            runFiles.stopRequestTaken(id);
        }
    }

}
