package dk.udlaendinge.batch.deposit;

/**
 * A registry or documents row that breaks a rule: line number, column and reason. The
 * reason never quotes a personal value (CPR numbers appear masked, names not at all).
 */
public class InvalidRowException extends RuntimeException {

    private final long line;

    private final String column;

    private final String reason;

    public InvalidRowException(long line, String column, String reason) {
        super("line " + line + ", column " + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public long line() {
        return line;
    }

    public String column() {
        return column;
    }

    public String reason() {
        return reason;
    }

}
