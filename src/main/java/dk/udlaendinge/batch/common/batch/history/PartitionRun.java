package dk.udlaendinge.batch.common.batch.history;

/**
 * What a partition of a partitioned step adds to its step: which step it is a partition
 * of, and under which name (its context, JobHistory.context, has the partitioner's keys).
 * Spring Batch names a partition's step execution {@code <worker step>:<partition>}
 * (SimpleStepExecutionSplitter); {@link #of} is the one place that knows it.
 */
public record PartitionRun(String workerStep, String partition) {

    /** What Spring Batch puts between the worker step's name and the partition's name. */
    public static final String SEPARATOR = ":";

    /** Whether a step execution of this name is a partition. */
    public static boolean isPartition(String stepName) {
        return stepName.contains(SEPARATOR);
    }

    /**
     * The step a partition belongs to (its worker step); a step that is no partition is
     * its own.
     */
    public static String workerStepOf(String stepName) {
        int at = stepName.indexOf(SEPARATOR);
        return at < 0 ? stepName : stepName.substring(0, at);
    }

    static PartitionRun of(String stepName) {
        int at = stepName.indexOf(SEPARATOR);
        return at < 0 ? null : new PartitionRun(stepName.substring(0, at), stepName.substring(at + SEPARATOR.length()));
    }
}
