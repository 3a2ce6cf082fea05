package dk.udlaendinge.batch.common;

/**
 * The configured database cannot be used: the server is down or unreachable, refuses the
 * credentials, or is a version this application does not support. The message is one line
 * for the operator: the database URL (never its password) and what to do. The cause keeps
 * the driver's exception for the log file.
 */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

}
