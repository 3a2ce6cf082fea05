package dk.udlaendinge.batch.delivery;

/**
 * The receiver refused one message for good (a MeMo receiver's 4xx other than 408 and 429): sending
 * it again will not help, the other messages may go. The job skips the notice with this text as its
 * reason, within the skip budget. The text names the message key, the HTTP status and the
 * receiver's reason (shortened, CPR-like numbers masked), never the recipient.
 */
public class MessageRefusedException extends RuntimeException {

    /** How a refusal starts: the skip reason it leaves, which the run's summary counts by. */
    public static final String WORDING = "the Digital Post receiver refused message";

    private final int status;

    public MessageRefusedException(String key, int status, String reason) {
        super(WORDING + " " + key + " with HTTP " + status
                + (reason == null || reason.isBlank() ? "" : ": " + reason));
        this.status = status;
    }

    public int status() {
        return status;
    }
}
