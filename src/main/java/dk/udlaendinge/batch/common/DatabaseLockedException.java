package dk.udlaendinge.batch.common;

/**
 * The embedded database is held by another process (HSQLDB's lock file). Not an error of
 * the configuration: the command line answers it as a refusal (exit 3) naming that
 * process.
 */
public class DatabaseLockedException extends RuntimeException {

    public DatabaseLockedException(Throwable cause) {
        super("the embedded database is in use by another process", cause);
    }

}
