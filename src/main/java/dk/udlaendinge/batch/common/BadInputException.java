package dk.udlaendinge.batch.common;

/**
 * Input that a command cannot accept (a missing file, a wrong header, a date that is not
 * a date). Its message names the thing and what to do, and never quotes personal data;
 * the command prints it and exits with {@code ExitCodes.BAD_USAGE} before anything is
 * written.
 */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

}
