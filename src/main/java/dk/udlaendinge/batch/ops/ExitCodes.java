package dk.udlaendinge.batch.ops;

/**
 * Process exit codes of ./run.sh, documented in the README; cron alerts on anything but
 * 0.
 */
public final class ExitCodes {

    /** The job completed (or had already completed for that date: nothing new to do). */
    public static final int COMPLETED = 0;

    /** The job ran and failed, or stopped; ./run.sh restart continues it. */
    public static final int FAILED = 1;

    /**
     * Bad usage or bad input (unknown command, bad argument, unreadable or invalid file).
     */
    public static final int BAD_USAGE = 2;

    /**
     * Refused: the same job is already running, or another process holds the database.
     */
    public static final int REFUSED = 3;

    private ExitCodes() {
    }

}
