package dk.udlaendinge.batch.common.batch.history;

import java.time.LocalDateTime;

/**
 * One step execution as the job repository recorded it. A partition of a partitioned step
 * carries its {@link PartitionRun} (null for any other step).
 *
 * @param skipped read, process and write skips together
 * @param lastUpdated when it was last written: the end of a step killed with its process
 */
public record StepRun(long id, String name, String status, long read, long written, long skipped, long filtered,
        long commits, long rollbacks, LocalDateTime start, LocalDateTime end, LocalDateTime lastUpdated,
        String exitMessage, PartitionRun partition) {

    public boolean isPartition() {
        return partition != null;
    }

    /** Marked running in the repository. */
    public boolean markedRunning() {
        return status.equals("STARTING") || status.equals("STARTED") || status.equals("STOPPING");
    }

    /** Its end, or its last update while it runs or after it was killed. */
    public LocalDateTime endOrLastUpdate() {
        return end != null ? end : lastUpdated;
    }
}
