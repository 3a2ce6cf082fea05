package dk.udlaendinge.batch.common.batch.history;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One job execution as the job repository recorded it, with the facts every view of it
 * needs decided once ({@link JobHistory}): whether it is stale (marked running, its
 * process gone), which later execution of the same run completed it, the newest execution
 * of its run, and the parameters an operator is shown.
 *
 * @param status Spring Batch's status as stored (STARTED, FAILED, …)
 * @param stale marked running, but its process is gone (RunningJobs)
 * @param completedBy the later execution of the same run (job instance) that completed
 * it, or null
 * @param latestOfRun the newest execution of the same run: only that one is restarted or
 * abandoned
 * @param shown the parameters an operator is shown, by name ({@link ShownParameter})
 */
public record JobRun(long id, long instanceId, String job, String status, LocalDateTime created, LocalDateTime start,
        LocalDateTime end, String exitCode, String exitMessage, boolean stale, Long completedBy, long latestOfRun,
        List<ShownParameter> shown) {

    private static final List<String> RUNNING = List.of("STARTING", "STARTED", "STOPPING");

    /** Marked running in the repository (it may be stale). */
    public boolean markedRunning() {
        return RUNNING.contains(status);
    }

    /** Marked running and its process is alive. */
    public boolean running() {
        return markedRunning() && !stale;
    }

    /** Ended without completing: FAILED or STOPPED. */
    public boolean endedUnfinished() {
        return status.equals("FAILED") || status.equals("STOPPED");
    }

    /**
     * A failed or stopped execution whose run a later execution completed: nothing is
     * left to continue.
     */
    public boolean superseded() {
        return completedBy != null;
    }

    /** The newest execution of its run. */
    public boolean latest() {
        return id == latestOfRun;
    }
}
